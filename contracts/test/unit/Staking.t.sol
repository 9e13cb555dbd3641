// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Staking} from "../../src/Staking.sol";
import {StakedWal} from "../../src/StakedWal.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract StakingTest is WalrusTestBase {
    uint256 internal constant NODE_STAKE = 1_000_000 * WAL_UNIT;
    uint32[] internal ids;

    event Staked(
        uint256 indexed tokenId, uint32 indexed nodeId, address indexed owner, uint256 amount, uint32 activationEpoch
    );
    event WithdrawRequested(uint256 indexed tokenId, uint32 indexed nodeId, uint32 withdrawEpoch);
    event Withdrawn(uint256 indexed tokenId, uint32 indexed nodeId, address indexed to, uint256 amount);

    function setUp() public override {
        super.setUp();
        ids = _bootstrap(4); // epoch 1, nodes 1..4 with 1M WAL each (tokens 1..4)
    }

    // ---------------------------------------------------------------- stake

    function test_stake_activates_next_epoch() public {
        _fundAndApprove(alice, 10 * WAL_UNIT);
        vm.expectEmit(address(staking));
        emit Staked(5, 1, alice, 10 * WAL_UNIT, 2);
        vm.prank(alice);
        uint256 tokenId = staking.stake(1, 10 * WAL_UNIT);
        assertEq(stakedWal.ownerOf(tokenId), alice);
        Staking.PositionView memory p = staking.position(tokenId);
        assertEq(p.activationEpoch, 2);
        assertEq(p.value, 10 * WAL_UNIT);
        assertEq(staking.poolStakeAt(1, 2), NODE_STAKE + 10 * WAL_UNIT);
        assertEq(staking.poolStakeAt(1, 1), NODE_STAKE);
        assertEq(wal.balanceOf(address(staking)), 4 * NODE_STAKE + 10 * WAL_UNIT);
    }

    function test_stake_after_voting_end_activates_in_two_epochs() public {
        _votingEnd();
        uint256 tokenId = _stake(alice, 1, 10 * WAL_UNIT);
        assertEq(staking.position(tokenId).activationEpoch, 3);
    }

    function test_stake_reverts_below_one_wal() public {
        _fundAndApprove(alice, WAL_UNIT);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingStakeTooLow.selector, WAL_UNIT - 1));
        staking.stake(1, WAL_UNIT - 1);
    }

    function test_stake_reverts_for_unknown_node() public {
        _fundAndApprove(alice, WAL_UNIT);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingUnknownNode.selector, uint32(99)));
        staking.stake(99, WAL_UNIT);
    }

    function test_stake_reverts_without_allowance() public {
        _fund(alice, WAL_UNIT);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(staking), 0, WAL_UNIT)
        );
        staking.stake(1, WAL_UNIT);
    }

    // ---------------------------------------------------------------- withdraw

    function test_early_withdrawal_before_voting_end_pays_principal_at_once() public {
        uint256 tokenId = _stake(alice, 1, 10 * WAL_UNIT);
        vm.expectEmit(address(staking));
        emit Withdrawn(tokenId, 1, alice, 10 * WAL_UNIT);
        vm.prank(alice);
        (uint32 withdrawEpoch, uint256 paid) = staking.requestWithdraw(tokenId);
        assertEq(withdrawEpoch, 0);
        assertEq(paid, 10 * WAL_UNIT);
        assertEq(wal.balanceOf(alice), 10 * WAL_UNIT);
        assertEq(staking.poolStakeAt(1, 2), NODE_STAKE);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingUnknownPosition.selector, tokenId));
        staking.position(tokenId);
    }

    function test_early_withdrawal_of_stake_for_e_plus_2() public {
        _votingEnd();
        uint256 tokenId = _stake(alice, 1, 10 * WAL_UNIT);
        vm.prank(alice);
        (, uint256 paid) = staking.requestWithdraw(tokenId);
        assertEq(paid, 10 * WAL_UNIT);
    }

    function test_pre_active_stake_of_a_next_committee_node_waits_one_epoch_after_activation() public {
        uint256 tokenId = _stake(alice, 1, 10 * WAL_UNIT); // activation 2
        _votingEnd(); // node 1 is in the committee of epoch 2
        vm.expectEmit(address(staking));
        emit WithdrawRequested(tokenId, 1, 3);
        vm.prank(alice);
        (uint32 withdrawEpoch,) = staking.requestWithdraw(tokenId);
        assertEq(withdrawEpoch, 3);
        _initiateEpochChange();
        _syncAll();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingWithdrawTooEarly.selector, tokenId, uint32(3)));
        staking.withdraw(tokenId);
        _nextEpoch();
        vm.prank(alice);
        assertEq(staking.withdraw(tokenId), 10 * WAL_UNIT); // no income: principal
    }

    function test_active_stake_of_a_current_committee_node_withdraws_at_e_plus_1() public {
        address owner = _ownerFor(1);
        vm.prank(owner);
        (uint32 withdrawEpoch, uint256 paid) = staking.requestWithdraw(1);
        assertEq(withdrawEpoch, 2);
        assertEq(paid, 0);
        assertEq(staking.poolStakeAt(1, 2), 0);
        _nextEpoch();
        vm.prank(owner);
        assertEq(staking.withdraw(1), NODE_STAKE);
        assertEq(wal.balanceOf(owner), NODE_STAKE);
    }

    function test_active_stake_of_a_next_committee_node_withdraws_at_e_plus_2() public {
        _votingEnd();
        vm.prank(_ownerFor(1));
        (uint32 withdrawEpoch,) = staking.requestWithdraw(1);
        assertEq(withdrawEpoch, 3);
    }

    function test_active_stake_of_a_node_outside_committees_is_paid_at_once() public {
        uint32 extra = _registerNode();
        uint256 tokenId = _stake(alice, extra, 5 * WAL_UNIT); // activation 2
        _passParameter(2, 4); // active set of 4: the small node stays out
        _nextEpoch();
        (bool member,) = system.isCommitteeMember(2, extra);
        assertFalse(member);
        vm.prank(alice);
        (uint32 withdrawEpoch, uint256 paid) = staking.requestWithdraw(tokenId);
        assertEq(withdrawEpoch, 0);
        assertEq(paid, 5 * WAL_UNIT);
    }

    function test_requestWithdraw_reverts_twice_or_for_strangers_or_unknown() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotPositionOwner.selector, uint256(1)));
        staking.requestWithdraw(1);
        vm.prank(_ownerFor(1));
        staking.requestWithdraw(1);
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingAlreadyWithdrawing.selector, uint256(1)));
        staking.requestWithdraw(1);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingUnknownPosition.selector, uint256(77)));
        staking.requestWithdraw(77);
    }

    function test_withdraw_reverts_when_not_requested_or_not_owner() public {
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotWithdrawing.selector, uint256(1)));
        staking.withdraw(1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotPositionOwner.selector, uint256(1)));
        staking.withdraw(1);
    }

    function test_position_transfer_moves_the_right_to_withdraw() public {
        address owner = _ownerFor(1);
        vm.prank(owner);
        stakedWal.transferFrom(owner, bob, 1);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotPositionOwner.selector, uint256(1)));
        staking.requestWithdraw(1);
        vm.prank(bob);
        staking.requestWithdraw(1);
        _nextEpoch();
        vm.prank(bob);
        staking.withdraw(1);
        assertEq(wal.balanceOf(bob), NODE_STAKE);
    }

    // ---------------------------------------------------------------- rewards and commission

    function test_rewards_raise_the_exchange_rate_and_commission_is_locked_until_voting_end() public {
        _newBlob(alice, 1 << 20, keccak256("r"), false, 5);
        uint256 income = system.currentEpochIncome();
        _nextEpoch(); // pays epoch 1 to its committee
        uint256 paid = income - income * 300 / 10_000;
        (, uint16[] memory weights,) = system.committee(1);
        uint256 reward = paid * weights[0] / 10;
        Staking.PoolView memory p = staking.poolInfo(1);
        assertEq(p.lockedCommission, reward / 10);
        assertEq(p.activeStake, NODE_STAKE + reward - reward / 10);
        assertEq(staking.position(1).value, NODE_STAKE + reward - reward / 10);

        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNoCommission.selector, uint32(1)));
        staking.collectCommission(1);
        _votingEnd();
        vm.prank(_ownerFor(1));
        assertEq(staking.collectCommission(1), reward / 10);
        assertEq(wal.balanceOf(_ownerFor(1)), reward / 10);
    }

    function test_collectCommission_reverts_for_strangers() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotCommissionReceiver.selector, uint32(1)));
        staking.collectCommission(1);
    }

    function test_commission_goes_to_the_receiver_the_owner_named() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotNodeOwner.selector, uint32(1)));
        staking.setCommissionReceiver(1, alice);
        vm.prank(_ownerFor(1));
        staking.setCommissionReceiver(1, alice);
        assertEq(staking.commissionReceiver(1), alice);
        _newBlob(bob, 1 << 20, keccak256("r"), false, 5);
        _nextEpoch();
        _nextEpoch(); // commission of epoch 1 unlocked
        uint256 before = wal.balanceOf(alice);
        uint256 ownerBefore = wal.balanceOf(_ownerFor(1));
        vm.prank(_ownerFor(1)); // the owner may trigger it, the receiver is paid
        uint256 paid = staking.collectCommission(1);
        assertGt(paid, 0);
        assertEq(wal.balanceOf(alice), before + paid);
        assertEq(wal.balanceOf(_ownerFor(1)), ownerBefore);
    }

    function test_split_and_join_keep_the_principal_and_the_value() public {
        uint256 tokenId = _stake(alice, 1, 10 * WAL_UNIT);
        _nextEpoch();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotPositionOwner.selector, tokenId));
        staking.splitPosition(tokenId, 3 * WAL_UNIT);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingInvalidSplit.selector, 10 * WAL_UNIT));
        staking.splitPosition(tokenId, 10 * WAL_UNIT);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingInvalidSplit.selector, WAL_UNIT - 1));
        staking.splitPosition(tokenId, WAL_UNIT - 1);
        uint256 part = staking.splitPosition(tokenId, 3 * WAL_UNIT);
        vm.stopPrank();
        assertEq(stakedWal.ownerOf(part), alice);
        assertEq(staking.position(tokenId).principal, 7 * WAL_UNIT);
        assertEq(staking.position(part).principal, 3 * WAL_UNIT);
        assertEq(staking.position(part).activationEpoch, staking.position(tokenId).activationEpoch);
        uint256 other = _stake(bob, 1, 5 * WAL_UNIT); // activates later: cannot join
        vm.prank(alice);
        stakedWal.setApprovalForAll(bob, true);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotJoinable.selector, tokenId, other));
        staking.joinPositions(tokenId, other);
        vm.prank(alice);
        staking.joinPositions(tokenId, part);
        assertEq(staking.position(tokenId).principal, 10 * WAL_UNIT);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingUnknownPosition.selector, part));
        staking.position(part);
        vm.prank(alice);
        (, uint256 paid) = staking.requestWithdraw(tokenId);
        assertEq(paid, 0); // node 1 is in the committee: withdraws later
        _nextEpoch();
        _nextEpoch();
        vm.prank(alice);
        assertGe(staking.withdraw(tokenId), 10 * WAL_UNIT - 1);
    }

    function test_deregistered_node_takes_no_stake_and_its_stake_leaves_after_the_committees() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotNodeRegistry.selector));
        staking.deregisterPool(4);
        vm.prank(_ownerFor(4));
        nodeRegistry.deregisterNode(4);
        assertTrue(staking.isDeregistered(4));
        assertTrue(nodeRegistry.isDeregistered(4));
        _fundAndApprove(alice, WAL_UNIT);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNodeDeregistered.selector, uint32(4)));
        staking.stake(4, WAL_UNIT);
        _nextEpoch(); // epoch 2 is selected without node 4
        (bool member,) = system.isCommitteeMember(2, 4);
        assertFalse(member);
        _nextEpoch(); // epoch 3: node 4 is in neither committee
        address owner = _ownerFor(4);
        uint256 before = wal.balanceOf(owner);
        vm.prank(owner);
        (uint32 withdrawEpoch, uint256 paid) = staking.requestWithdraw(4);
        assertEq(withdrawEpoch, 0);
        assertGe(paid, NODE_STAKE);
        assertEq(wal.balanceOf(owner), before + paid);
    }

    function test_setCommission_applies_from_e_plus_2() public {
        vm.prank(_ownerFor(1));
        staking.setCommission(1, 5000);
        Staking.PoolView memory p = staking.poolInfo(1);
        assertEq(p.nextCommissionBps, 5000);
        assertEq(p.nextCommissionEpoch, 3);
        assertEq(p.commissionBps, 1000);
        _newBlob(alice, 1 << 20, keccak256("r"), false, 5);
        _nextEpoch(); // rewards of epoch 1 (storage + write fee): 10 %
        _nextEpoch(); // rewards of epoch 2 (storage only): still 10 %
        uint256 locked2 = staking.poolInfo(1).lockedCommission;
        assertEq(staking.poolInfo(1).commissionBps, 1000);
        _nextEpoch(); // rewards of epoch 3 (same storage income): 50 %
        assertEq(staking.poolInfo(1).commissionBps, 5000);
        uint256 locked3 = staking.poolInfo(1).lockedCommission;
        assertGe(locked3, 5 * locked2 - 5);
        assertLe(locked3, 5 * locked2 + 5);
    }

    function test_setCommission_reverts_above_100_percent_or_for_strangers() public {
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingInvalidCommission.selector, uint16(10_001)));
        staking.setCommission(1, 10_001);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotNodeOwner.selector, uint32(1)));
        staking.setCommission(1, 1);
    }

    // ---------------------------------------------------------------- votes

    function test_setVotes_counts_at_the_next_selection_and_applies_at_the_boundary() public {
        for (uint32 id = 1; id <= 3; ++id) {
            vm.prank(_ownerFor(id));
            staking.setVotes(id, 500, 700, NODE_CAPACITY);
        }
        assertEq(system.storagePrice(), STORAGE_PRICE); // not during the epoch
        _votingEnd();
        assertEq(system.storagePrice(), STORAGE_PRICE);
        _initiateEpochChange();
        assertEq(system.storagePrice(), 500);
        assertEq(system.writePrice(), 700);
        assertEq(staking.poolInfo(3).writePriceVote, 700);
    }

    function test_setVotes_reverts_for_strangers() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingNotNodeOwner.selector, uint32(1)));
        staking.setVotes(1, 1, 1, 1);
    }

    // ---------------------------------------------------------------- active set

    function test_full_candidate_list_admits_only_larger_real_stake() public {
        _passParameter(2, 2); // active set of 2: the candidate list holds 2 + CANDIDATE_SLACK = 10
        uint32 firstExtra;
        for (uint256 i; i < 6; ++i) {
            uint32 id = _registerNode();
            if (i == 0) firstExtra = id;
            _stake(bob, id, NODE_STAKE / 2 + i * WAL_UNIT); // the first extra node has the least stake
        }
        assertEq(staking.activeSet().length, 10);
        uint32 small = _registerNode();
        _stake(bob, small, WAL_UNIT);
        uint32 big = _registerNode();
        _stake(alice, big, 2 * NODE_STAKE);
        uint32[] memory set = staking.activeSet();
        assertEq(set.length, 10);
        assertTrue(_contains(set, big));
        assertFalse(_contains(set, small));
        assertFalse(_contains(set, firstExtra)); // the smallest real stake left
        uint32 next = _currentEpoch() + 1;
        _nextEpoch();
        (uint32[] memory committee,,) = system.committee(next);
        assertEq(committee.length, 2);
        assertEq(committee[committee.length - 1], big);
    }

    function _contains(uint32[] memory set, uint32 id) private pure returns (bool) {
        for (uint256 i; i < set.length; ++i) {
            if (set[i] == id) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- access control

    function test_system_only_functions_revert_for_others() public {
        vm.expectRevert(Staking.StakingNotSystem.selector);
        staking.selectionCandidates(2);
        vm.expectRevert(Staking.StakingNotSystem.selector);
        staking.onEpochChange(2, new uint32[](0), new uint256[](0), new uint32[](0));
    }

    function test_onEpochChange_reverts_on_length_mismatch() public {
        vm.prank(address(system));
        vm.expectRevert(Staking.StakingLengthMismatch.selector);
        staking.onEpochChange(2, new uint32[](1), new uint256[](0), new uint32[](0));
    }

    function test_slash_only_from_slashing_with_a_valid_fraction() public {
        vm.expectRevert(Staking.StakingNotSlashing.selector);
        staking.slash(1, 100);
        vm.prank(address(slashing));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingInvalidSlashFraction.selector, uint16(10_000)));
        staking.slash(1, 10_000);
        vm.prank(address(slashing));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingUnknownNode.selector, uint32(50)));
        staking.slash(50, 100);
    }

    function test_setActiveSetSize_only_governance_and_in_range() public {
        vm.expectRevert(Staking.StakingNotGovernance.selector);
        staking.setActiveSetSize(10);
        vm.prank(address(governance));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingInvalidActiveSetSize.selector, uint16(256)));
        staking.setActiveSetSize(256);
        vm.prank(address(governance));
        staking.setActiveSetSize(10);
        assertEq(staking.activeSetSize(), 10);
    }

    function test_stakedWal_mint_and_burn_only_from_staking() public {
        vm.expectRevert(StakedWal.StakedWalNotStaking.selector);
        stakedWal.mint(alice, 100);
        vm.expectRevert(StakedWal.StakedWalNotStaking.selector);
        stakedWal.burn(1);
        (address owner, bool authorized) = stakedWal.authorization(_ownerFor(1), 1);
        assertEq(owner, _ownerFor(1));
        assertTrue(authorized);
    }

    function test_views_of_unknown_pools_and_rates() public {
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingUnknownNode.selector, uint32(42)));
        staking.poolInfo(42);
        assertEq(staking.poolActiveStake(42), 0);
        (uint256 w, uint256 s) = staking.exchangeRate(1, 1);
        assertEq(w, 0); // the pool was empty when epoch 1's stake entered
        assertEq(s, 0);
        assertEq(staking.poolActiveStake(1), NODE_STAKE);
    }
}
