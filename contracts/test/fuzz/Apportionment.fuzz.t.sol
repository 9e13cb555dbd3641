// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Apportionment} from "../../src/libraries/Apportionment.sol";
import {QuorumSelection} from "../../src/libraries/QuorumSelection.sol";
import {ShardAssignment} from "../../src/libraries/ShardAssignment.sol";

/// @notice Fuzz tests of the committee math: d'Hondt against a naive sequential reference, the
///         quorum quantiles against their definition, and the shard transition's guarantees.
contract ApportionmentFuzzTest is WalrusTestBase {
    function testFuzz_dhondt_matches_sequential_reference(uint256 seed, uint8 nodes, uint16 shards) public pure {
        uint256 count = bound(nodes, 1, 40);
        uint256 n = bound(shards, 1, 300);
        uint256[] memory stakes = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            // Mix of equal, tiny and huge stakes to exercise ties and the cap.
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            stakes[i] = r % 4 == 0 ? 1e15 : 1 + (r % 1e18);
        }
        uint256 cap = Apportionment.perNodeCap(n, count);
        uint256[] memory fast = Apportionment.dhondt(stakes, n, cap);
        uint256[] memory slow = _sequential(stakes, n, cap);
        uint256 total;
        for (uint256 i; i < count; ++i) {
            assertEq(fast[i], slow[i], "seats differ from sequential d'Hondt");
            assertLe(fast[i], cap, "cap");
            total += fast[i];
        }
        assertEq(total, n, "all shards assigned");
    }

    function test_dhondt_gives_equal_stakes_equal_shards() public pure {
        uint256[] memory stakes = new uint256[](100);
        for (uint256 i; i < 100; ++i) {
            stakes[i] = 1e15;
        }
        uint256[] memory seats = Apportionment.dhondt(stakes, 1000, Apportionment.perNodeCap(1000, 100));
        for (uint256 i; i < 100; ++i) {
            assertEq(seats[i], 10);
        }
    }

    function test_per_node_cap_follows_walrus() public pure {
        assertEq(Apportionment.perNodeCap(1000, 20), 100);
        assertEq(Apportionment.perNodeCap(1000, 100), 100);
        assertEq(Apportionment.perNodeCap(1000, 10), 200);
        assertEq(Apportionment.perNodeCap(10, 4), 5);
        assertEq(Apportionment.perNodeCap(5, 25), 1); // n/10 = 0 would leave shards unplaced
    }

    function testFuzz_quorum_below_is_lowest_value_a_quorum_accepts(uint256 seed, uint8 members) public pure {
        (uint256[] memory values, uint256[] memory weights, uint256 n) = _votes(seed, members);
        (bool found, uint256 price) = QuorumSelection.quorumBelow(_copy(values), _copy(weights), n);
        assertTrue(found);
        // Weight voting at or below the price is a quorum; strictly below is not.
        (uint256 atOrBelow, uint256 below) = (0, 0);
        for (uint256 i; i < values.length; ++i) {
            if (values[i] <= price) atOrBelow += weights[i];
            if (values[i] < price) below += weights[i];
        }
        assertTrue(3 * atOrBelow >= 2 * n + 1, "quorum at or below");
        assertTrue(3 * below < 2 * n + 1, "no quorum strictly below");
    }

    function testFuzz_quorum_above_is_highest_value_a_quorum_supports(uint256 seed, uint8 members) public pure {
        (uint256[] memory values, uint256[] memory weights, uint256 n) = _votes(seed, members);
        (bool found, uint256 capacity) = QuorumSelection.quorumAbove(_copy(values), _copy(weights), n);
        assertTrue(found);
        (uint256 atOrAbove, uint256 above) = (0, 0);
        for (uint256 i; i < values.length; ++i) {
            if (values[i] >= capacity) atOrAbove += weights[i];
            if (values[i] > capacity) above += weights[i];
        }
        assertTrue(3 * atOrAbove >= 2 * n + 1, "quorum at or above");
        assertTrue(3 * above < 2 * n + 1, "no quorum strictly above");
    }

    function testFuzz_transition_keeps_shards_and_respects_counts(uint256 seed) public pure {
        uint256 n = 1 + (seed % 200);
        (uint32[] memory oldIds, uint256[] memory oldCounts) = _committee(seed, n);
        uint256[] memory oldWords = ShardAssignment.transition(new uint32[](0), new uint256[](0), oldIds, oldCounts, n);
        (uint32[] memory newIds, uint256[] memory newCounts) = _committee(uint256(keccak256(abi.encode(seed))), n);
        uint256[] memory newWords = ShardAssignment.transition(oldIds, oldWords, newIds, newCounts, n);
        uint256[] memory held = new uint256[](newIds.length);
        uint256 moved;
        for (uint256 s; s < n; ++s) {
            uint256 owner = ShardAssignment.ownerOf(newWords, s);
            assertLt(owner, newIds.length);
            ++held[owner];
            if (oldIds[ShardAssignment.ownerOf(oldWords, s)] != newIds[owner]) ++moved;
        }
        // Each member holds exactly its count, and only shards that had to move moved.
        uint256 minimum;
        for (uint256 j; j < newIds.length; ++j) {
            assertEq(held[j], newCounts[j]);
            uint256 before;
            for (uint256 i; i < oldIds.length; ++i) {
                if (oldIds[i] == newIds[j]) before = oldCounts[i];
            }
            if (newCounts[j] > before) minimum += newCounts[j] - before;
        }
        assertEq(moved, minimum, "moves beyond the minimum");
    }

    function test_first_committee_gets_shards_sequentially() public pure {
        uint32[] memory ids = new uint32[](3);
        (ids[0], ids[1], ids[2]) = (4, 7, 9);
        uint256[] memory counts = new uint256[](3);
        (counts[0], counts[1], counts[2]) = (2, 3, 1);
        uint256[] memory words = ShardAssignment.transition(new uint32[](0), new uint256[](0), ids, counts, 6);
        uint256[6] memory expected = [uint256(0), 0, 1, 1, 1, 2];
        for (uint256 s; s < 6; ++s) {
            assertEq(ShardAssignment.ownerOf(words, s), expected[s]);
        }
    }

    // ---------------------------------------------------------------- helpers

    function _sequential(uint256[] memory stakes, uint256 n, uint256 cap)
        private
        pure
        returns (uint256[] memory seats)
    {
        seats = new uint256[](stakes.length);
        for (uint256 k; k < n; ++k) {
            uint256 best = type(uint256).max;
            for (uint256 i; i < stakes.length; ++i) {
                if (seats[i] >= cap) continue;
                if (best == type(uint256).max || stakes[i] * (seats[best] + 1) > stakes[best] * (seats[i] + 1)) {
                    best = i;
                }
            }
            ++seats[best];
        }
    }

    function _votes(uint256 seed, uint8 members)
        private
        pure
        returns (uint256[] memory values, uint256[] memory weights, uint256 n)
    {
        uint256 count = bound(members, 1, 60);
        values = new uint256[](count);
        weights = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            values[i] = r % 7 == 0 ? 500 : r % 10_000; // some repeated votes
            weights[i] = 1 + (r >> 128) % 50;
            n += weights[i];
        }
    }

    function _committee(uint256 seed, uint256 n) private pure returns (uint32[] memory ids, uint256[] memory counts) {
        uint256 size = 1 + seed % (n < 20 ? n : 20);
        ids = new uint32[](size);
        counts = new uint256[](size);
        uint32 id;
        uint256 left = n;
        for (uint256 i; i < size; ++i) {
            id += uint32(1 + (uint256(keccak256(abi.encode(seed, i))) % 3));
            ids[i] = id;
            counts[i] =
                i == size - 1 ? left : 1 + (uint256(keccak256(abi.encode(seed, i, 1))) % (left - (size - i - 1)));
            if (counts[i] > left - (size - i - 1)) counts[i] = left - (size - i - 1);
            left -= counts[i];
        }
    }

    function _copy(uint256[] memory a) private pure returns (uint256[] memory b) {
        b = new uint256[](a.length);
        for (uint256 i; i < a.length; ++i) {
            b[i] = a[i];
        }
    }
}
