// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Governance} from "../../src/Governance.sol";
import {System} from "../../src/System.sol";
import {StakedWal} from "../../src/StakedWal.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @dev Committee of epoch 1: nodes 1..4 with 1M WAL each: 4M active stake, 2/3 = 2.67M.
contract GovernanceTest is WalrusTestBase {
    uint256 internal constant NODE_STAKE = 1_000_000 * WAL_UNIT;
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    event VoteCast(uint256 indexed id, uint32 indexed nodeId, uint256 indexed tokenId, bool support, uint256 stake);
    event ProposalExecuted(uint256 indexed id);

    function setUp() public override {
        super.setUp();
        _bootstrap(4);
    }

    function _voteNode(uint256 id, uint32 nodeId, bool support) private {
        vm.prank(_ownerFor(nodeId));
        governance.voteAsNode(id, nodeId, support);
    }

    function test_parameter_proposal_passes_with_two_thirds_of_stake() public {
        uint256 id = _proposeParameter(governance.PARAM_BURN_SHARE(), 1000);
        Governance.Proposal memory p = governance.proposal(id);
        assertEq(p.epoch, 1);
        assertEq(p.deadline, block.timestamp + EPOCH_DURATION);
        vm.expectEmit(address(governance));
        emit VoteCast(id, 1, 0, true, NODE_STAKE);
        _voteNode(id, 1, true);
        _voteNode(id, 2, true);
        _voteNode(id, 3, false);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNotPassed.selector, 2 * NODE_STAKE, 4 * NODE_STAKE));
        governance.queue(id);
        _voteNode(id, 4, true);
        governance.queue(id);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceTimelocked.selector, id, uint32(4)));
        governance.execute(id);
        _nextEpoch();
        _nextEpoch();
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceTimelocked.selector, id, uint32(4)));
        governance.execute(id);
        _nextEpoch();
        vm.expectEmit(address(governance));
        emit ProposalExecuted(id);
        governance.execute(id);
        assertEq(system.burnShare(), 1000);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceAlreadyExecuted.selector, id));
        governance.execute(id);
    }

    function test_every_parameter_can_be_changed() public {
        _passParameter(governance.PARAM_MAX_EPOCHS_AHEAD(), 20);
        _passParameter(governance.PARAM_ACTIVE_SET_SIZE(), 50);
        _passParameter(governance.PARAM_SLASH_FRACTION(), 500);
        _passParameter(governance.PARAM_VOTING_WINDOW(), 600);
        assertEq(system.maxEpochsAhead(), 20);
        assertEq(staking.activeSetSize(), 50);
        assertEq(slashing.slashFraction(), 500);
        assertEq(governance.votingWindow(), 600);
        assertEq(governance.proposalCount(), 4);
    }

    function test_proposeParameter_reverts_on_unknown_parameter_or_value() public {
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceUnknownParameter.selector, uint8(5)));
        _proposeParameter(5, 1);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceInvalidValue.selector, uint8(0), uint256(10_001)));
        _proposeParameter(0, 10_001);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceInvalidValue.selector, uint8(2), uint256(129)));
        _proposeParameter(2, 129);
    }

    function test_upgrade_through_governance_replaces_the_implementation() public {
        address impl = address(new System());
        uint256 id = _proposeUpgrade(address(system), impl);
        _voteAllAndExecute(id);
        assertEq(address(uint160(uint256(vm.load(address(system), IMPLEMENTATION_SLOT)))), impl);
        assertEq(system.nShards(), 10); // state kept
    }

    function test_governance_can_upgrade_itself() public {
        address impl = address(new Governance());
        _voteAllAndExecute(_proposeUpgrade(address(governance), impl));
        assertEq(address(uint160(uint256(vm.load(address(governance), IMPLEMENTATION_SLOT)))), impl);
        assertEq(governance.proposalCount(), 1);
    }

    function test_proposeUpgrade_reverts_for_foreign_targets_or_empty_implementations() public {
        address impl = address(new System());
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNotUpgradeable.selector, address(wal)));
        _proposeUpgrade(address(wal), impl);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceInvalidImplementation.selector, alice));
        _proposeUpgrade(address(system), alice);
    }

    function test_proposals_need_active_stake() public {
        super.setUp(); // a fresh deployment, still in epoch 0 without a committee
        vm.expectRevert(Governance.GovernanceNoActiveStake.selector);
        _proposeParameter(0, 1);
    }

    function test_position_vote_moves_its_stake_out_of_the_node_vote() public {
        uint256 tokenId = _stake(alice, 1, 500_000 * WAL_UNIT); // active from epoch 2
        _nextEpoch();
        uint256 total = system.committeeStake(2);
        assertEq(total, 4 * NODE_STAKE + 500_000 * WAL_UNIT);
        uint256 id = _proposeParameter(governance.PARAM_BURN_SHARE(), 100);
        _voteNode(id, 1, true); // 1.5M for
        vm.expectEmit(address(governance));
        emit VoteCast(id, 1, tokenId, false, 500_000 * WAL_UNIT);
        vm.prank(alice);
        governance.voteWithPosition(id, tokenId, false);
        Governance.Proposal memory p = governance.proposal(id);
        assertEq(p.forStake, NODE_STAKE);
        assertEq(p.againstStake, 500_000 * WAL_UNIT);
        (bool voted, bool support, uint256 counted, uint256 overridden) = governance.nodeVote(id, 1);
        assertTrue(voted && support);
        assertEq(counted, NODE_STAKE);
        assertEq(overridden, 500_000 * WAL_UNIT);
        assertTrue(governance.hasPositionVoted(id, tokenId));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceAlreadyVoted.selector, id));
        governance.voteWithPosition(id, tokenId, true);
    }

    function test_position_that_votes_first_is_left_out_of_its_node_vote() public {
        uint256 tokenId = _stake(alice, 2, 500_000 * WAL_UNIT);
        _nextEpoch();
        uint256 id = _proposeParameter(governance.PARAM_BURN_SHARE(), 100);
        vm.prank(alice);
        governance.voteWithPosition(id, tokenId, true);
        _voteNode(id, 2, false);
        Governance.Proposal memory p = governance.proposal(id);
        assertEq(p.forStake, 500_000 * WAL_UNIT);
        assertEq(p.againstStake, NODE_STAKE);
    }

    function test_voteWithPosition_reverts_for_strangers_and_inactive_stake() public {
        uint256 tokenId = _stake(alice, 1, 10 * WAL_UNIT); // not active in epoch 1
        uint256 id = _proposeParameter(0, 100);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNotPositionOwner.selector, tokenId));
        governance.voteWithPosition(id, tokenId, true);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNoVotingStake.selector, tokenId));
        governance.voteWithPosition(id, tokenId, true);
    }

    function test_voteAsNode_reverts_for_strangers_outsiders_repeats_and_closed_proposals() public {
        uint256 id = _proposeParameter(0, 100);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNotNodeOwner.selector, uint32(1)));
        governance.voteAsNode(id, 1, true);
        uint32 outsider = _registerNode();
        vm.prank(_ownerFor(outsider));
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNotCommitteeMember.selector, outsider));
        governance.voteAsNode(id, outsider, true);
        _voteNode(id, 1, true);
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceAlreadyVoted.selector, id));
        governance.voteAsNode(id, 1, true);
        vm.warp(block.timestamp + EPOCH_DURATION + 1);
        vm.prank(_ownerFor(2));
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceVotingClosed.selector, id));
        governance.voteAsNode(id, 2, true);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceUnknownProposal.selector, uint256(9)));
        governance.voteAsNode(9, 1, true);
    }

    function test_queue_reverts_after_the_proposal_epoch() public {
        uint256 id = _proposeParameter(0, 100);
        _voteNode(id, 1, true);
        _voteNode(id, 2, true);
        _voteNode(id, 3, true);
        _nextEpoch();
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceProposalExpired.selector, id));
        governance.queue(id);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceTimelocked.selector, id, uint32(0)));
        governance.execute(id);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceUnknownProposal.selector, uint256(5)));
        governance.execute(5);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceUnknownProposal.selector, uint256(5)));
        governance.proposal(5);
    }

    function test_only_governance_itself_may_upgrade_it() public {
        address impl = address(new Governance());
        vm.expectRevert(Governance.GovernanceNotSelf.selector);
        UUPSUpgradeable(address(governance)).upgradeToAndCall(impl, "");
        address stakedImpl = address(new StakedWal());
        vm.expectRevert(StakedWal.StakedWalNotGovernance.selector);
        UUPSUpgradeable(address(stakedWal)).upgradeToAndCall(stakedImpl, "");
    }
}
