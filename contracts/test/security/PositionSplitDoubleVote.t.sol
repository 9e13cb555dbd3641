// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Governance} from "../../src/Governance.sol";

/// @notice New surface of issue 8: StakedWal split and join must not let a position vote twice on one
///         proposal. A position minted, split off or joined after a proposal was made does not vote on it.
contract PositionSplitDoubleVoteTest is WalrusTestBase {
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        _bootstrap(4);
        tokenId = _stake(alice, 1, 600_000 * WAL_UNIT);
        _nextEpoch(); // the position is active in epoch 2
        vm.warp(block.timestamp + 1);
    }

    function test_attack_split_after_voting_cannot_vote_again() public {
        uint256 id = _proposeParameter(0, 100);
        vm.prank(alice);
        governance.voteWithPosition(id, tokenId, true);
        vm.prank(alice);
        uint256 part = staking.splitPosition(tokenId, 300_000 * WAL_UNIT);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNoVotingStake.selector, part));
        governance.voteWithPosition(id, part, true);
        assertEq(governance.proposal(id).forStake, staking.position(tokenId).value + staking.position(part).value);
    }

    function test_attack_join_into_an_unvoted_position_cannot_vote_again() public {
        vm.prank(alice);
        uint256 part = staking.splitPosition(tokenId, 300_000 * WAL_UNIT);
        vm.warp(block.timestamp + 1);
        uint256 id = _proposeParameter(0, 100);
        vm.startPrank(alice);
        governance.voteWithPosition(id, part, true);
        staking.joinPositions(tokenId, part); // the voted stake moves into the unvoted position
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNoVotingStake.selector, tokenId));
        governance.voteWithPosition(id, tokenId, true);
        vm.stopPrank();
    }

    function test_legitimate_split_positions_vote_on_later_proposals() public {
        vm.prank(alice);
        uint256 part = staking.splitPosition(tokenId, 300_000 * WAL_UNIT);
        vm.warp(block.timestamp + 1);
        uint256 id = _proposeParameter(0, 100);
        vm.startPrank(alice);
        governance.voteWithPosition(id, tokenId, true);
        governance.voteWithPosition(id, part, false);
        vm.stopPrank();
        assertGt(governance.proposal(id).forStake, 0);
        assertGt(governance.proposal(id).againstStake, 0);
    }
}
