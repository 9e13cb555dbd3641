// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Governance} from "../../src/Governance.sol";

/// @notice Issue 8, finding 6a: anyone could create unlimited proposals, with no threshold, deposit or
///         cancel. Now a proposer must own a committee node holding PROPOSAL_THRESHOLD_BPS of the committee's
///         stake, may make one proposal per epoch, may cancel it, and proposals expire.
contract ProposalSpamTest is WalrusTestBase {
    uint32 internal small;

    function _shardCount() internal pure override returns (uint16) {
        return 1000; // so that a node with under 1 % of the stake still gets shards
    }

    function setUp() public override {
        super.setUp();
        _setupNodes(4, 1_000_000 * WAL_UNIT);
        small = _registerNode();
        _stake(_ownerFor(small), small, 15_000 * WAL_UNIT); // 0.37 % of the stake
        system.votingEnd();
        system.initiateEpochChange();
        (bool member,) = system.isCommitteeMember(1, small);
        assertTrue(member);
    }

    function test_attack_accounts_without_committee_stake_cannot_propose() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNotNodeOwner.selector, uint32(1)));
        governance.proposeParameter(1, 0, 100);
        uint32 outsider = _registerNode();
        vm.prank(_ownerFor(outsider));
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNotCommitteeMember.selector, outsider));
        governance.proposeParameter(outsider, 0, 100);
        uint256 committee = system.committeeStake(1);
        vm.prank(_ownerFor(small));
        vm.expectRevert(
            abi.encodeWithSelector(
                Governance.GovernanceBelowProposalThreshold.selector, 15_000 * WAL_UNIT, committee / 100
            )
        );
        governance.proposeParameter(small, 0, 100);
        assertEq(governance.proposalCount(), 0);
    }

    function test_attack_one_node_cannot_flood_proposals() public {
        _proposeParameter(0, 100);
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceAlreadyProposed.selector, uint32(1)));
        governance.proposeParameter(1, 0, 200);
        _nextEpoch();
        _proposeParameter(0, 200); // one per epoch
        assertEq(governance.proposalCount(), 2);
    }

    function test_attack_stale_proposals_cannot_be_revived() public {
        uint256 unqueued = _proposeParameter(0, 100);
        vm.prank(_ownerFor(2));
        uint256 queued = governance.proposeParameter(2, 0, 200);
        for (uint32 n = 1; n <= 4; ++n) {
            vm.startPrank(_ownerFor(n));
            governance.voteAsNode(unqueued, n, true);
            governance.voteAsNode(queued, n, true);
            vm.stopPrank();
        }
        governance.queue(queued);
        _nextEpoch();
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceProposalExpired.selector, unqueued));
        governance.queue(unqueued); // its epoch is over
        for (uint256 i; i < governance.TIMELOCK_EPOCHS() + governance.EXECUTION_WINDOW_EPOCHS() - 1; ++i) {
            _nextEpoch();
        }
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceProposalExpired.selector, queued));
        governance.execute(queued); // the execution window passed
        assertEq(system.burnShare(), 300);
    }

    function test_proposer_can_cancel_and_nobody_else() public {
        uint256 id = _proposeParameter(0, 100);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNotProposer.selector, id));
        governance.cancel(id);
        vm.prank(_ownerFor(1));
        governance.cancel(id);
        vm.prank(_ownerFor(2));
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceCancelled.selector, id));
        governance.voteAsNode(id, 2, true);
    }

    function test_legitimate_proposal_by_a_node_above_the_threshold_passes() public {
        _passParameter(governance.PARAM_BURN_SHARE(), 100);
        assertEq(system.burnShare(), 100);
    }
}
