// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title ShardAssignment
/// @notice Shard -> committee-member tables, packed one byte per shard (32 shards per word: shard s is
///         byte s % 32, counted from the least significant byte, of word s / 32), and the transition
///         from one committee to the next that keeps shard identities where it can (docs/protocol.md §12).
library ShardAssignment {
    uint256 internal constant NONE = type(uint256).max;

    /// @notice Number of 32-byte words for `nShards` one-byte entries.
    function wordCount(uint256 nShards) internal pure returns (uint256) {
        return (nShards + 31) / 32;
    }

    /// @notice The member index that holds `shard` in a packed table.
    function ownerOf(uint256[] memory words, uint256 shard) internal pure returns (uint256) {
        return (words[shard / 32] >> (8 * (shard % 32))) & 0xff;
    }

    /// @notice Computes the next committee's table.
    /// @param oldIds Node ids of the current committee, ascending (empty for the first committee).
    /// @param oldWords The current table (ignored when `oldIds` is empty).
    /// @param newIds Node ids of the next committee, ascending.
    /// @param counts Shards each next member must hold (sum = `nShards`).
    /// @dev A staying node keeps its lowest-numbered shards up to its new count and releases the rest;
    ///      departing nodes release all. Released shards, in ascending order, fill the members still short,
    ///      in member order. The first committee therefore gets shards sequentially in node-id order.
    function transition(
        uint32[] memory oldIds,
        uint256[] memory oldWords,
        uint32[] memory newIds,
        uint256[] memory counts,
        uint256 nShards
    ) internal pure returns (uint256[] memory newWords) {
        newWords = new uint256[](wordCount(nShards));
        uint256[] memory held = new uint256[](newIds.length);
        // Old member index -> new member index (both lists ascending).
        uint256[] memory map = new uint256[](oldIds.length);
        {
            uint256 j;
            for (uint256 i; i < oldIds.length; ++i) {
                while (j < newIds.length && newIds[j] < oldIds[i]) ++j;
                map[i] = (j < newIds.length && newIds[j] == oldIds[i]) ? j : NONE;
            }
        }
        uint256[] memory released = new uint256[](nShards);
        uint256 releasedCount;
        if (oldIds.length == 0) {
            for (uint256 s; s < nShards; ++s) {
                released[s] = s;
            }
            releasedCount = nShards;
        } else {
            for (uint256 s; s < nShards; ++s) {
                uint256 target = map[(oldWords[s >> 5] >> ((s & 31) << 3)) & 0xff];
                if (target != NONE && held[target] < counts[target]) {
                    ++held[target];
                    newWords[s >> 5] |= target << ((s & 31) << 3);
                } else {
                    released[releasedCount++] = s;
                }
            }
        }
        uint256 member;
        for (uint256 k; k < releasedCount; ++k) {
            while (held[member] >= counts[member]) ++member;
            uint256 s = released[k];
            ++held[member];
            newWords[s >> 5] |= member << ((s & 31) << 3);
        }
    }
}
