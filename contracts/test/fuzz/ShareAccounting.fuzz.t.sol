// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Staking} from "../../src/Staking.sol";

/// @notice Fuzz tests of share-based stake accounting: positions are paid principal plus their share of
///         the rewards earned while active, never more than the pool holds.
contract ShareAccountingFuzzTest is WalrusTestBase {
    function setUp() public override {
        super.setUp();
        _bootstrap(4);
        _fundAndApprove(bob, 1_000_000_000 * WAL_UNIT);
    }

    function _income(uint256 mib) private {
        if (mib == 0) return;
        vm.prank(bob);
        storageResource.reserve(uint64(mib << 20), 1, NO_LIMIT);
    }

    function testFuzz_positions_share_rewards_in_proportion_and_pool_stays_solvent(
        uint96 a,
        uint96 b,
        uint32 income1,
        uint32 income2,
        bool earlyExit
    ) public {
        uint256 amountA = bound(a, WAL_UNIT, 10_000_000 * WAL_UNIT);
        uint256 amountB = bound(b, WAL_UNIT, 10_000_000 * WAL_UNIT);
        uint256 tokenA = _stake(alice, 1, amountA); // active from epoch 2
        _nextEpoch();
        address carol = address(0xCA01);
        uint256 tokenB = _stake(carol, 1, amountB); // active from epoch 3
        _income(bound(income1, 0, 1_000_000));
        _nextEpoch(); // epoch 2 rewards: alice and the operator only
        _income(bound(income2, 0, 1_000_000));
        _nextEpoch(); // epoch 3 rewards: everyone
        if (earlyExit) {
            vm.prank(alice);
            staking.requestWithdraw(tokenA);
            vm.prank(carol);
            staking.requestWithdraw(tokenB);
            vm.prank(_ownerFor(1));
            staking.requestWithdraw(1);
            _nextEpoch();
        } else {
            _votingEnd();
            vm.prank(alice);
            staking.requestWithdraw(tokenA);
            vm.prank(carol);
            staking.requestWithdraw(tokenB);
            vm.prank(_ownerFor(1));
            staking.requestWithdraw(1);
            _initiateEpochChange();
            _syncAll();
            _nextEpoch();
        }
        vm.prank(alice);
        uint256 paidA = staking.withdraw(tokenA);
        vm.prank(carol);
        uint256 paidB = staking.withdraw(tokenB);
        vm.prank(_ownerFor(1));
        uint256 paidOperator = staking.withdraw(1);
        // Shares round down twice; with 1e9 shares per FROST the loss is at most the final floor: 1 FROST.
        assertGe(paidA + 1, amountA);
        assertGe(paidB + 1, amountB);
        assertGe(paidOperator + 1, 1_000_000 * WAL_UNIT);
        // Alice was active one epoch longer: per WAL she earned at least what Carol did (up to rounding).
        assertGe(paidA * amountB + amountA + amountB, paidB * amountA);
        // Everything owed by pool 1 was paid; what is left is commission and rounding dust.
        Staking.PoolView memory p = staking.poolInfo(1);
        assertEq(p.activeShares, 0);
        assertLe(p.activeStake, 3);
        assertLe(p.withdrawable, 3);
        assertEq(p.activeShares, 0);
        assertGe(
            wal.balanceOf(address(staking)),
            p.commission + p.lockedCommission + 3 * 1_000_000 * WAL_UNIT // pools 2..4 untouched principal
        );
    }

    function testFuzz_pre_active_withdrawal_returns_exactly_the_principal(uint96 a, bool afterVotingEnd) public {
        uint256 amount = bound(a, WAL_UNIT, 10_000_000 * WAL_UNIT);
        if (afterVotingEnd) _votingEnd();
        uint256 tokenId = _stake(alice, 2, amount);
        vm.prank(alice);
        (uint32 withdrawEpoch, uint256 paid) = staking.requestWithdraw(tokenId);
        assertEq(withdrawEpoch, 0);
        assertEq(paid, amount);
        assertEq(wal.balanceOf(alice), amount);
        assertEq(staking.poolStakeAt(2, _currentEpoch() + 2), 1_000_000 * WAL_UNIT);
    }
}
