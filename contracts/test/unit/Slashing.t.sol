// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Slashing} from "../../src/Slashing.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @dev Committee of epoch 1: nodes 1..4 with 3, 3, 2, 2 shards and 1M WAL each.
contract SlashingTest is WalrusTestBase {
    uint256 internal constant NODE_STAKE = 1_000_000 * WAL_UNIT;

    event SlashingVoted(
        uint32 indexed epoch, uint32 indexed voter, uint32 indexed target, uint16 weight, uint256 totalWeight
    );
    event NodeSlashed(uint32 indexed epoch, uint32 indexed target, uint16 fractionBps, uint256 burned);

    address internal constant EVIDENCE = address(0xE71D);

    function setUp() public override {
        super.setUp();
        _bootstrap(4);
        vm.prank(address(governance));
        slashing.setEvidenceSource(EVIDENCE, true);
        vm.prank(EVIDENCE);
        slashing.recordFailure(4, 1, 1, keccak256("challenge 1"));
    }

    function test_recordFailure_only_by_sources_for_committee_members_of_recent_epochs() public {
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNotEvidenceSource.selector, address(this)));
        slashing.recordFailure(3, 1, 1, keccak256("x"));
        vm.startPrank(EVIDENCE);
        vm.expectRevert(Slashing.SlashingEmptyEvidence.selector);
        slashing.recordFailure(3, 1, 1, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingEpochOutOfRange.selector, uint32(2)));
        slashing.recordFailure(3, 2, 1, keccak256("x"));
        vm.stopPrank();
        uint32 outsider = _registerNode();
        vm.prank(EVIDENCE);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNotInCommittee.selector, outsider, uint32(1)));
        slashing.recordFailure(outsider, 1, 1, keccak256("x"));
        _nextEpoch();
        _nextEpoch(); // epoch 3: epoch 1 is too old
        vm.prank(EVIDENCE);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingEpochOutOfRange.selector, uint32(1)));
        slashing.recordFailure(3, 1, 1, keccak256("x"));
        assertEq(slashing.failure(4, 1), keccak256("challenge 1"));
    }

    function test_votes_and_execution_need_a_recent_failure_record() public {
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNoEvidence.selector, uint32(3)));
        slashing.voteForSlashing(1, 3);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNoEvidence.selector, uint32(3)));
        slashing.executeSlashing(3);
        _vote(1, 4);
        _nextEpoch();
        _nextEpoch(); // epoch 3: the record of epoch 1 no longer counts
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNoEvidence.selector, uint32(4)));
        slashing.voteForSlashing(1, 4);
    }

    function test_a_node_is_slashed_at_most_three_times() public {
        for (uint256 k; k < 4; ++k) {
            uint32 epoch = _currentEpoch();
            vm.prank(EVIDENCE);
            slashing.recordFailure(4, epoch, 1, keccak256(abi.encode(k)));
            _vote(1, 4);
            _vote(2, 4);
            _vote(3, 4);
            if (k < 3) {
                slashing.executeSlashing(4);
                _nextEpoch();
            } else {
                vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingLimitReached.selector, uint32(4)));
                slashing.executeSlashing(4);
            }
        }
        assertEq(slashing.slashCount(4), 3);
    }

    function _vote(uint32 voter, uint32 target) private {
        vm.prank(_ownerFor(voter));
        slashing.voteForSlashing(voter, target);
    }

    function test_quorum_of_shards_slashes_stake_and_commission() public {
        _newBlob(alice, 1000, keccak256("r"), false, 3);
        _nextEpoch(); // node 4 earns (locked) commission
        uint256 commission = staking.poolInfo(4).lockedCommission;
        uint256 stake = staking.poolInfo(4).activeStake;
        assertGt(commission, 0);
        vm.expectEmit(address(slashing));
        emit SlashingVoted(2, 1, 4, 3, 3);
        _vote(1, 4);
        _vote(2, 4);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingQuorumNotReached.selector, uint256(6), uint256(10)));
        slashing.executeSlashing(4);
        _vote(3, 4);
        uint256 supply = wal.totalSupply();
        uint256 expected = stake / 10 + commission / 10;
        vm.expectEmit(address(slashing));
        emit NodeSlashed(2, 4, 1000, expected);
        assertEq(slashing.executeSlashing(4), expected);
        assertEq(wal.totalSupply(), supply - expected);
        assertEq(staking.poolInfo(4).activeStake, stake - stake / 10);
        assertEq(staking.position(4).value, stake - stake / 10);
        assertTrue(slashing.slashed(2, 4));
        assertEq(staking.totalBurned(), expected);
    }

    function test_a_node_is_slashed_once_per_epoch() public {
        _vote(1, 4);
        _vote(2, 4);
        _vote(3, 4);
        slashing.executeSlashing(4);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingAlreadyExecuted.selector, uint32(4)));
        slashing.executeSlashing(4);
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingAlreadyExecuted.selector, uint32(4)));
        slashing.voteForSlashing(1, 4);
    }

    function test_votes_reset_every_epoch() public {
        _vote(1, 4);
        _vote(2, 4);
        assertEq(slashing.slashingVotes(1, 4), 6);
        assertTrue(slashing.hasVoted(1, 4, 1));
        _nextEpoch();
        assertEq(slashing.slashingVotes(2, 4), 0);
        _vote(3, 4);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingQuorumNotReached.selector, uint256(2), uint256(10)));
        slashing.executeSlashing(4);
    }

    function test_vote_reverts_for_strangers_unknown_self_outsiders_and_repeats() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNotNodeOwner.selector, uint32(1)));
        slashing.voteForSlashing(1, 4);
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingUnknownNode.selector, uint32(77)));
        slashing.voteForSlashing(1, 77);
        vm.prank(_ownerFor(1));
        vm.expectRevert(Slashing.SlashingSelfVote.selector);
        slashing.voteForSlashing(1, 1);
        uint32 outsider = _registerNode();
        vm.prank(_ownerFor(outsider));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingNotCommitteeMember.selector, outsider));
        slashing.voteForSlashing(outsider, 1);
        _vote(1, 4);
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingAlreadyVoted.selector, uint32(1), uint32(4)));
        slashing.voteForSlashing(1, 4);
    }

    function test_setSlashFraction_only_governance_and_in_range() public {
        vm.expectRevert(Slashing.SlashingNotGovernance.selector);
        slashing.setSlashFraction(500);
        vm.startPrank(address(governance));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingInvalidFraction.selector, uint16(1001)));
        slashing.setSlashFraction(1001);
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingInvalidFraction.selector, uint16(0)));
        slashing.setSlashFraction(0);
        slashing.setSlashFraction(500);
        vm.stopPrank();
        assertEq(slashing.slashFraction(), 500);
    }

    function test_upgrade_reverts_unless_governance() public {
        address impl = address(new Slashing());
        vm.expectRevert(Slashing.SlashingNotGovernance.selector);
        UUPSUpgradeable(address(slashing)).upgradeToAndCall(impl, "");
    }
}
