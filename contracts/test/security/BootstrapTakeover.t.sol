// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Staking} from "../../src/Staking.sol";
import {System} from "../../src/System.sol";
import {Governance} from "../../src/Governance.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @dev What an attacker would install: Staking plus a function that sends the contract's WAL away.
contract DrainingStaking is Staking {
    function drain(IERC20 token, address to) external {
        token.transfer(to, token.balanceOf(address(this)));
    }
}

/// @notice Issue 8, finding 1: the first account to stake became the whole epoch-1 committee and upgraded
///         Staking in one block. Now epoch 0 ends only from the operator-set start with a minimum committee,
///         upgrades wait TIMELOCK_EPOCHS epochs (longer than any withdrawal) and need a third of all stake.
contract BootstrapTakeoverTest is WalrusTestBase {
    address internal attacker = address(0xBAD);

    function test_attack_single_one_wal_staker_cannot_become_the_first_committee() public {
        uint32 id = _registerNode();
        _stake(attacker, id, WAL_UNIT);
        vm.expectRevert(abi.encodeWithSelector(System.SystemFirstCommitteeTooSmall.selector, uint256(1), WAL_UNIT));
        system.votingEnd();
        // Even four attacker nodes need the minimum stake (1,000,000 WAL by default) between them.
        for (uint256 i; i < 3; ++i) {
            _stake(attacker, _registerNode(), WAL_UNIT);
        }
        vm.expectRevert(abi.encodeWithSelector(System.SystemFirstCommitteeTooSmall.selector, uint256(4), 4 * WAL_UNIT));
        system.votingEnd();
        (uint32 epoch,) = system.epochInfo();
        assertEq(epoch, 0);
    }

    function test_attack_epoch_0_cannot_end_before_the_operator_set_start() public {
        DeployConfig memory c = _deployConfig();
        c.firstEpochStart = uint64(block.timestamp + 7 days);
        Deployment memory late = _deployAll(c);
        vm.expectRevert(abi.encodeWithSelector(System.SystemTooEarly.selector, block.timestamp + 7 days));
        late.system.votingEnd();
        c.firstEpochStart = 0; // an unset start is refused at deployment
        vm.expectRevert(System.SystemInvalidConfig.selector);
        this.deployExternally(c);
    }

    function deployExternally(DeployConfig memory c) external {
        _deployAll(c);
    }

    function test_legitimate_bootstrap_with_the_minimum_committee_starts_epoch_1() public {
        _bootstrap(4); // 4 nodes with 1,000,000 WAL each
        (uint32 epoch, uint8 state) = system.epochInfo();
        assertEq(epoch, 1);
        assertEq(state, system.STATE_EPOCH_CHANGE_DONE());
    }

    /// @dev Nodes 1-3 (the attacker) hold 3/4 of the committee's stake; node 4's owner is the victim.
    function test_attack_two_thirds_of_committee_cannot_upgrade_before_stakers_leave() public {
        _bootstrap(4);
        DrainingStaking evil = new DrainingStaking();
        uint256 id = _proposeUpgrade(address(staking), address(evil));
        for (uint32 n = 1; n <= 3; ++n) {
            vm.prank(_ownerFor(n));
            governance.voteAsNode(id, n, true);
        }
        governance.queue(id); // 3M of 4M: passes both thresholds
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceTimelocked.selector, id, uint32(4)));
        governance.execute(id); // not in the same block, nor epoch

        // The victim sees the queued upgrade and leaves: its stake is paid before the upgrade can run.
        address victim = _ownerFor(4);
        vm.prank(victim);
        (uint32 withdrawEpoch,) = staking.requestWithdraw(4);
        assertEq(withdrawEpoch, 2);
        _nextEpoch();
        vm.prank(victim);
        uint256 paid = staking.withdraw(4);
        assertGe(paid, 1_000_000 * WAL_UNIT);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceTimelocked.selector, id, uint32(4)));
        governance.execute(id);
        _nextEpoch();
        _nextEpoch();
        governance.execute(id); // epoch 4: the attacker's own stake is all that is left to take
        uint256 before = wal.balanceOf(victim);
        DrainingStaking(address(staking)).drain(wal, attacker);
        assertEq(wal.balanceOf(victim), before);
        assertLt(wal.balanceOf(attacker), 3_100_000 * WAL_UNIT);
    }

    function test_attack_committee_majority_without_a_third_of_all_stake_cannot_queue() public {
        _bootstrap(4);
        // 10M WAL staked this epoch (active from epoch 2) on the honest node: not in epoch 1's committee
        // stake, but in all staked WAL.
        _stake(alice, 4, 10_000_000 * WAL_UNIT);
        uint256 id = _proposeUpgrade(address(staking), address(new DrainingStaking()));
        for (uint32 n = 1; n <= 3; ++n) {
            vm.prank(_ownerFor(n));
            governance.voteAsNode(id, n, true);
        }
        uint256 all = staking.totalStake();
        assertEq(all, 14_000_000 * WAL_UNIT);
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceNotPassed.selector, 3_000_000 * WAL_UNIT, all));
        governance.queue(id);
    }

    function test_legitimate_upgrade_runs_after_the_timelock() public {
        _bootstrap(4);
        address impl = address(new Staking());
        _voteAllAndExecute(_proposeUpgrade(address(staking), impl));
        bytes32 slot = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
        assertEq(address(uint160(uint256(vm.load(address(staking), slot)))), impl);
        assertEq(_currentEpoch(), 1 + governance.TIMELOCK_EPOCHS());
    }
}
