// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";

/// @notice Issue 8, finding 3: stake on a fresh node evicted the smallest member of a full active set, was
///         refunded at once (it never became active) and `votingEnd` ran in the same transaction: the victim
///         lost its seat for free. Now the candidate list holds CANDIDATE_SLACK more nodes than the active set
///         and compares real stake, so the only entry that can be pushed out would not have been selected,
///         and the committee is chosen at `votingEnd` from the real next-epoch stake.
contract ActiveSetEvictionTest is WalrusTestBase {
    address internal attacker = address(0xBAD);
    uint32 internal victim;

    function _deployConfig() internal view override returns (DeployConfig memory c) {
        c = super._deployConfig();
        c.activeSetSize = 4; // candidate list of 4 + 8
    }

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 3; ++i) {
            uint32 id = _registerNode();
            _stake(_ownerFor(id), id, 1_000_000 * WAL_UNIT);
        }
        victim = _registerNode();
        _stake(_ownerFor(victim), victim, 500_000 * WAL_UNIT); // the smallest seated member
        system.votingEnd();
        system.initiateEpochChange();
        for (uint256 i; i < 8; ++i) {
            uint32 id = _registerNode();
            _stake(_ownerFor(id), id, (100_000 + i) * WAL_UNIT); // candidates that are not seated
        }
        assertEq(staking.activeSet().length, 12);
        (uint256 votingEndAt,) = system.nextTransitionTimes();
        vm.warp(votingEndAt);
    }

    function _inCommittee(uint32 epoch, uint32 id) private view returns (bool member) {
        (member,) = system.isCommitteeMember(epoch, id);
    }

    function test_attack_refunded_stake_on_a_fresh_node_does_not_evict_a_seated_member() public {
        uint32 fresh = _registerNode();
        uint256 balance = 2_000_000 * WAL_UNIT;
        _fundAndApprove(attacker, balance);
        vm.startPrank(attacker);
        uint256 tokenId = staking.stake(fresh, balance); // enters the full list
        (uint32 withdrawEpoch, uint256 paid) = staking.requestWithdraw(tokenId); // refunded at once
        vm.stopPrank();
        assertEq(withdrawEpoch, 0);
        assertEq(paid, balance);
        system.votingEnd(); // same transaction in the original exploit
        assertTrue(_inCommittee(2, victim));
        assertFalse(_inCommittee(2, fresh));
        assertEq(wal.balanceOf(attacker), balance);
    }

    function test_attack_repeated_every_epoch_never_unseats_the_victim() public {
        for (uint256 round; round < 3; ++round) {
            uint32 fresh = _registerNode();
            _fundAndApprove(attacker, 2_000_000 * WAL_UNIT);
            vm.startPrank(attacker);
            uint256 tokenId = staking.stake(fresh, 2_000_000 * WAL_UNIT);
            staking.requestWithdraw(tokenId);
            vm.stopPrank();
            uint32 next = _currentEpoch() + 1;
            _votingEnd();
            assertTrue(_inCommittee(next, victim));
            _initiateEpochChange();
            _syncAll();
        }
    }

    function test_legitimate_larger_stake_kept_through_votingEnd_takes_the_seat_and_is_locked() public {
        uint32 fresh = _registerNode();
        _fundAndApprove(attacker, 2_000_000 * WAL_UNIT);
        vm.prank(attacker);
        uint256 tokenId = staking.stake(fresh, 2_000_000 * WAL_UNIT);
        system.votingEnd();
        assertTrue(_inCommittee(2, fresh));
        assertFalse(_inCommittee(2, victim)); // the real smallest stake leaves
        vm.prank(attacker);
        (uint32 withdrawEpoch, uint256 paid) = staking.requestWithdraw(tokenId);
        assertEq(paid, 0); // it counts for the committee: no free refund any more
        assertEq(withdrawEpoch, 3);
    }

    function test_newcomer_below_every_real_stake_in_a_full_list_is_refused() public {
        // After an epoch of rewards, stakes are read from the pools (nothing cached): a newcomer below the
        // smallest real stake in the full list stays out.
        _newBlob(alice, 1_000_000, keccak256("big"), false, 3);
        _votingEnd();
        _initiateEpochChange();
        _syncAll();
        uint256 real = staking.poolStakeAt(victim, _currentEpoch() + 1);
        assertGt(real, 500_000 * WAL_UNIT);
        assertEq(staking.activeSet().length, 12);
        uint32 fresh = _registerNode();
        _stake(attacker, fresh, 100_000 * WAL_UNIT); // below every list entry: refused
        uint32[] memory list = staking.activeSet();
        for (uint256 i; i < list.length; ++i) {
            assertTrue(list[i] != fresh);
        }
    }
}
