// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Apportionment
/// @notice d'Hondt (Jefferson) apportionment of shards over nodes by stake, with a per-node cap
///         (docs/protocol.md §12).
/// @dev Seats start at the Hagenbach-Bischoff lower bound `stake / (total/(n+1) + 1)` (capped); the rest
///      go one at a time to the node with the largest quotient `stake / (seats + 1)`, taken from a
///      binary max-heap. Quotients are compared exactly by cross-multiplication (Walrus uses UQ64.64).
///      Ties go to the lower index. The lower bound never splits a tie, so the result equals sequential
///      d'Hondt from zero seats with the same cap and tie rule.
library Apportionment {
    /// @notice Per-node shard cap: n/10 with at least 20 nodes, else ceil(2n / nodes); never less than
    ///         ceil(n / nodes), so that all shards can be placed.
    function perNodeCap(uint256 nShards, uint256 nNodes) internal pure returns (uint256 cap) {
        if (nNodes == 0) return 0;
        cap = nNodes >= 20 ? nShards / 10 : (2 * nShards + nNodes - 1) / nNodes;
        uint256 minimum = (nShards + nNodes - 1) / nNodes;
        if (cap < minimum) cap = minimum;
    }

    /// @notice Seats per node for `stakes` (all non-zero), `nShards` seats in total, at most `cap` each.
    /// @dev Requires `cap * stakes.length >= nShards` (guaranteed by `perNodeCap`).
    function dhondt(uint256[] memory stakes, uint256 nShards, uint256 cap)
        internal
        pure
        returns (uint256[] memory seats)
    {
        uint256 count = stakes.length;
        seats = new uint256[](count);
        if (count == 0) return seats;
        uint256 total;
        for (uint256 i; i < count; ++i) {
            total += stakes[i];
        }
        uint256 divisor = total / (nShards + 1) + 1;
        uint256 assigned;
        for (uint256 i; i < count; ++i) {
            uint256 s = stakes[i] / divisor;
            if (s > cap) s = cap;
            seats[i] = s;
            assigned += s;
        }
        if (assigned == nShards) return seats;

        // Max-heap of node indices still below the cap.
        uint256[] memory heap = new uint256[](count);
        uint256 size;
        for (uint256 i; i < count; ++i) {
            if (seats[i] < cap) {
                heap[size] = i;
                _siftUp(heap, size, stakes, seats);
                ++size;
            }
        }
        while (assigned < nShards) {
            uint256 top = heap[0];
            seats[top] += 1;
            ++assigned;
            if (seats[top] == cap) {
                --size;
                heap[0] = heap[size];
            }
            _siftDown(heap, size, stakes, seats);
        }
    }

    /// @dev True when node `a` has priority over node `b`: larger quotient, then lower index.
    function _before(uint256 a, uint256 b, uint256[] memory stakes, uint256[] memory seats)
        private
        pure
        returns (bool)
    {
        uint256 left = stakes[a] * (seats[b] + 1);
        uint256 right = stakes[b] * (seats[a] + 1);
        if (left != right) return left > right;
        return a < b;
    }

    function _siftUp(uint256[] memory heap, uint256 pos, uint256[] memory stakes, uint256[] memory seats) private pure {
        uint256 item = heap[pos];
        while (pos > 0) {
            uint256 parent = (pos - 1) / 2;
            if (!_before(item, heap[parent], stakes, seats)) break;
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = item;
    }

    function _siftDown(uint256[] memory heap, uint256 size, uint256[] memory stakes, uint256[] memory seats)
        private
        pure
    {
        if (size == 0) return;
        uint256 pos;
        uint256 item = heap[0];
        while (true) {
            uint256 child = 2 * pos + 1;
            if (child >= size) break;
            if (child + 1 < size && _before(heap[child + 1], heap[child], stakes, seats)) ++child;
            if (!_before(heap[child], item, stakes, seats)) break;
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = item;
    }
}
