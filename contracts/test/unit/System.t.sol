// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {System} from "../../src/System.sol";
import {IDirectory} from "../../src/interfaces/IDirectory.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

contract SystemTest is WalrusTestBase {
    event EpochParametersSelected(uint32 nextEpoch);
    event EpochChangeStart(uint32 epoch);
    event EpochChangeDone(uint32 epoch);
    event ShardsReceived(uint32 indexed epoch, uint32 indexed nodeId, uint16[] shards);
    event EpochRewardsDistributed(uint32 indexed epoch, uint256 total, uint256 burned, uint256 paid);

    // ---------------------------------------------------------------- configuration

    function test_initial_state() public view {
        (uint32 epoch, uint8 state) = system.epochInfo();
        assertEq(epoch, 0);
        assertEq(state, system.STATE_EPOCH_CHANGE_DONE());
        assertEq(system.nShards(), 10);
        assertEq(system.epochDuration(), EPOCH_DURATION);
        assertEq(system.storagePrice(), type(uint64).max);
        assertEq(system.totalCapacity(), 0);
        assertEq(system.burnShare(), 300);
        assertEq(system.maxEpochsAhead(), 53);
        assertEq(system.firstEpochStart(), START_TIME);
    }

    function test_initialize_rejects_bad_config() public {
        System impl = new System();
        System.Config memory c = System.Config(EPOCH_DURATION, 0, 1, 53, 300, 4, 1e15);
        vm.expectRevert(System.SystemInvalidConfig.selector);
        new ERC1967Proxy(address(impl), abi.encodeCall(System.initialize, (IDirectory(address(directory)), c)));
        c = System.Config(EPOCH_DURATION, 10, 1, 1001, 300, 4, 1e15);
        vm.expectRevert(System.SystemInvalidConfig.selector);
        new ERC1967Proxy(address(impl), abi.encodeCall(System.initialize, (IDirectory(address(directory)), c)));
        c = System.Config(0, 10, 1, 53, 300, 4, 1e15);
        vm.expectRevert(System.SystemInvalidConfig.selector);
        new ERC1967Proxy(address(impl), abi.encodeCall(System.initialize, (IDirectory(address(directory)), c)));
        c = System.Config(EPOCH_DURATION, 10, 0, 53, 300, 4, 1e15);
        vm.expectRevert(System.SystemInvalidConfig.selector);
        new ERC1967Proxy(address(impl), abi.encodeCall(System.initialize, (IDirectory(address(directory)), c)));
    }

    // ---------------------------------------------------------------- bootstrap and votingEnd

    function _deployConfig() internal view override returns (DeployConfig memory c) {
        c = super._deployConfig();
        c.minFirstCommitteeNodes = 3; // the bootstrap tests below use 3 or 4 nodes
        c.minFirstCommitteeStake = 3e9;
    }

    function test_votingEnd_in_epoch_0_needs_the_minimum_first_committee() public {
        _setupNodes(2, 1_000_000 * WAL_UNIT);
        vm.expectRevert(
            abi.encodeWithSelector(System.SystemFirstCommitteeTooSmall.selector, uint256(2), 2_000_000 * WAL_UNIT)
        );
        system.votingEnd();
        _setupNodes(1, 1_000_000 * WAL_UNIT);
        system.votingEnd();
        (uint16 nodes, uint256 stake) = system.minFirstCommittee();
        assertEq(nodes, 3);
        assertEq(stake, 3e9);
    }

    function test_votingEnd_in_epoch_0_selects_the_first_committee_sequentially() public {
        _setupNodes(3, 1_000_000 * WAL_UNIT);
        vm.expectEmit(address(system));
        emit EpochParametersSelected(1);
        system.votingEnd();
        (uint32[] memory ids, uint16[] memory weights, address[] memory signers) = system.committee(1);
        assertEq(ids.length, 3);
        assertEq(ids[0], 1);
        assertEq(ids[2], 3);
        assertEq(uint256(weights[0]) + weights[1] + weights[2], 10);
        assertEq(signers[1], vm.addr(_signingKeyFor(2)));
        // Sequential in node-id order: node 1 holds shards 0.., node 2 the next ones, ...
        uint32[] memory owners = system.shardOwners(1);
        assertEq(owners[0], 1);
        assertEq(owners[9], 3);
        for (uint256 s = 1; s < 10; ++s) {
            assertGe(owners[s], owners[s - 1]);
        }
        (, uint8 state) = system.epochInfo();
        assertEq(state, system.STATE_NEXT_PARAMS_SELECTED());
    }

    function test_votingEnd_reverts_without_candidates() public {
        vm.expectRevert(System.SystemNoCandidates.selector);
        system.votingEnd();
    }

    function test_votingEnd_reverts_twice() public {
        _setupNodes(3, WAL_UNIT);
        system.votingEnd();
        vm.expectRevert(abi.encodeWithSelector(System.SystemWrongEpochState.selector, uint8(2)));
        system.votingEnd();
    }

    function test_votingEnd_reverts_before_half_epoch() public {
        _bootstrap(4);
        (uint256 votingEndAt,) = system.nextTransitionTimes();
        assertEq(votingEndAt, block.timestamp + EPOCH_DURATION / 2);
        vm.expectRevert(abi.encodeWithSelector(System.SystemTooEarly.selector, votingEndAt));
        system.votingEnd();
    }

    function test_votingEnd_reverts_during_sync() public {
        _bootstrap(4);
        _votingEnd();
        _initiateEpochChange();
        vm.expectRevert(abi.encodeWithSelector(System.SystemWrongEpochState.selector, uint8(0)));
        system.votingEnd();
    }

    function test_epoch_0_waits_for_first_epoch_start() public {
        System impl = new System();
        System.Config memory c = System.Config(EPOCH_DURATION, 10, uint64(block.timestamp + 100), 53, 300, 4, 1e15);
        System late = System(
            address(
                new ERC1967Proxy(address(impl), abi.encodeCall(System.initialize, (IDirectory(address(directory)), c)))
            )
        );
        vm.expectRevert(abi.encodeWithSelector(System.SystemTooEarly.selector, block.timestamp + 100));
        late.votingEnd();
    }

    // ---------------------------------------------------------------- initiateEpochChange

    function test_first_epoch_change_is_done_at_once() public {
        _setupNodes(4, WAL_UNIT);
        system.votingEnd();
        vm.expectEmit(address(system));
        emit EpochChangeStart(1);
        vm.expectEmit(address(system));
        emit EpochChangeDone(1);
        system.initiateEpochChange();
        (uint32 epoch, uint8 state) = system.epochInfo();
        assertEq(epoch, 1);
        assertEq(state, system.STATE_EPOCH_CHANGE_DONE());
        assertEq(system.committeeStake(1), 4 * WAL_UNIT);
        assertEq(system.storagePrice(), STORAGE_PRICE);
    }

    function test_initiateEpochChange_reverts_before_voting_end() public {
        _bootstrap(4);
        vm.expectRevert(abi.encodeWithSelector(System.SystemWrongEpochState.selector, uint8(1)));
        system.initiateEpochChange();
    }

    function test_initiateEpochChange_reverts_before_the_epoch_ends() public {
        _bootstrap(4);
        _votingEnd();
        (, uint256 changeAt) = system.nextTransitionTimes();
        vm.expectRevert(abi.encodeWithSelector(System.SystemTooEarly.selector, changeAt));
        system.initiateEpochChange();
    }

    function test_epoch_change_burns_the_share_and_pays_the_committee() public {
        _bootstrap(4);
        _newBlob(alice, 1_000_000, keccak256("x"), false, 2);
        uint256 income = system.currentEpochIncome();
        uint256 supply = wal.totalSupply();
        uint256 stakingBefore = wal.balanceOf(address(staking));
        _votingEnd();
        uint256 burned = income * 300 / 10_000;
        uint256 paid = ((income - burned) * 3 / 10) * 2 + ((income - burned) * 2 / 10) * 2;
        vm.expectEmit(address(system));
        emit EpochRewardsDistributed(1, income, burned, paid);
        _initiateEpochChange();
        assertEq(wal.totalSupply(), supply - burned);
        assertEq(wal.balanceOf(address(staking)), stakingBefore + paid);
        assertEq(system.totalBurned(), burned);
    }

    function test_payments_are_spread_over_the_epochs_they_cover() public {
        _bootstrap(4);
        _fundAndApprove(alice, 1_000_000 * WAL_UNIT);
        vm.prank(alice);
        storageResource.reserve(uint64(100 << 20), 3, NO_LIMIT); // epochs 1, 2, 3
        uint256 perEpoch = 100 * STORAGE_PRICE;
        assertEq(system.currentEpochIncome(), perEpoch);
        assertEq(wal.balanceOf(address(system)), 3 * perEpoch);
        assertEq(system.usedCapacityAt(3), 100 << 20);
        assertEq(system.usedCapacityAt(4), 0);
        assertEq(system.usedCapacityAt(type(uint32).max - 100), 0);
        _nextEpoch();
        assertEq(system.currentEpochIncome(), perEpoch + _dust(perEpoch)); // plus the rounding dust carried over
        _nextEpoch();
        _nextEpoch();
        assertEq(system.usedCapacity(), 0);
        assertLe(system.currentEpochIncome(), 10); // only rounding dust is left
    }

    // ---------------------------------------------------------------- epochSyncDone

    function test_epochSyncDone_emits_shards_and_finishes_at_quorum() public {
        _bootstrap(4);
        _votingEnd();
        _initiateEpochChange();
        uint16[] memory shards = system.shardsOf(2, 1);
        assertEq(shards.length, 3);
        vm.expectEmit(address(system));
        emit ShardsReceived(2, 1, shards);
        vm.prank(_ownerFor(1));
        system.epochSyncDone(1, 2);
        vm.prank(_ownerFor(2));
        system.epochSyncDone(2, 2); // 6 of 10
        (, uint8 state) = system.epochInfo();
        assertEq(state, system.STATE_EPOCH_CHANGE_SYNC());
        vm.expectEmit(address(system));
        emit EpochChangeDone(2);
        vm.prank(vm.addr(_signingKeyFor(3))); // the signing-key account may attest too
        system.epochSyncDone(3, 2); // 8 of 10: quorum
        (, state) = system.epochInfo();
        assertEq(state, system.STATE_EPOCH_CHANGE_DONE());
    }

    function test_epochSyncDone_reverts_on_wrong_epoch_state_member_operator_or_repeat() public {
        _bootstrap(4);
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(System.SystemWrongEpochState.selector, uint8(1)));
        system.epochSyncDone(1, 1);
        _votingEnd();
        _initiateEpochChange();
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(System.SystemWrongEpoch.selector, uint32(1), uint32(2)));
        system.epochSyncDone(1, 1);
        vm.expectRevert(abi.encodeWithSelector(System.SystemNotCommitteeMember.selector, uint32(9)));
        system.epochSyncDone(9, 2);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(System.SystemNotNodeOperator.selector, uint32(1)));
        system.epochSyncDone(1, 2);
        vm.prank(_ownerFor(1));
        system.epochSyncDone(1, 2);
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(System.SystemAlreadySynced.selector, uint32(1)));
        system.epochSyncDone(1, 2);
    }

    // ---------------------------------------------------------------- committees across epochs

    function test_shard_identities_stay_when_stake_changes() public {
        _bootstrap(4);
        uint32[] memory before = system.shardOwners(1);
        _stake(alice, 4, 3_000_000 * WAL_UNIT); // node 4 grows from 2 to 5 shards
        _nextEpoch();
        uint32[] memory afterwards = system.shardOwners(2);
        uint256 moved;
        for (uint256 s; s < 10; ++s) {
            if (before[s] != afterwards[s]) {
                ++moved;
                assertEq(afterwards[s], 4);
            }
        }
        assertEq(system.shardsOf(2, 4).length, moved + 2);
        (, uint16[] memory weights,) = system.committee(2);
        assertEq(weights[3], 5);
    }

    function test_committee_views_of_unknown_epochs_are_empty() public view {
        (uint32[] memory ids,,) = system.committee(5);
        assertEq(ids.length, 0);
        assertEq(system.shardOwners(5).length, 0);
        assertEq(system.shardsOf(5, 1).length, 0);
        (bool member,) = system.isCommitteeMember(5, 1);
        assertFalse(member);
    }

    function test_price_votes_apply_at_the_next_epoch_boundary() public {
        _bootstrap(4);
        for (uint32 id = 1; id <= 4; ++id) {
            vm.prank(_ownerFor(id));
            staking.setVotes(id, 3 * STORAGE_PRICE, 3 * WRITE_PRICE, NODE_CAPACITY);
        }
        assertEq(system.storagePrice(), STORAGE_PRICE); // unchanged during the epoch
        _votingEnd();
        (uint64 nextStorage, uint64 nextWrite) = system.nextPrices();
        assertEq(nextStorage, 3 * STORAGE_PRICE);
        assertEq(nextWrite, 3 * WRITE_PRICE);
        assertEq(system.storagePrice(), STORAGE_PRICE);
        _initiateEpochChange();
        assertEq(system.storagePrice(), 3 * STORAGE_PRICE);
        assertEq(system.writePrice(), 3 * WRITE_PRICE);
    }

    // ---------------------------------------------------------------- payments

    function test_collectPayment_only_from_storage_and_registry() public {
        vm.expectRevert(System.SystemNotPaymentCollector.selector);
        system.collectPayment(alice, 1, 1, 1, 2, 0, NO_LIMIT);
    }

    function test_reserving_in_epoch_0_reverts() public {
        _fundAndApprove(alice, WAL_UNIT);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(System.SystemNoCommittee.selector, uint32(0)));
        storageResource.reserve(1 << 20, 1, NO_LIMIT);
    }

    function test_reserving_reverts_outside_the_allowed_epochs() public {
        _bootstrap(4);
        _nextEpoch();
        _fundAndApprove(alice, 1_000_000 * WAL_UNIT);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidEpochRange.selector, uint32(1), uint32(3)));
        storageResource.reserveForEpochs(1 << 20, 1, 3, NO_LIMIT);
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidEpochRange.selector, uint32(2), uint32(56)));
        storageResource.reserve(1 << 20, 54, NO_LIMIT);
        storageResource.reserve(1 << 20, 53, NO_LIMIT);
        vm.stopPrank();
    }

    function test_reserving_reverts_beyond_capacity() public {
        _bootstrap(4);
        uint256 capacity = system.totalCapacity();
        _fundAndApprove(alice, 1_000_000_000 * WAL_UNIT);
        vm.startPrank(alice);
        storageResource.reserveForEpochs(uint64(capacity / 2), 3, 5, NO_LIMIT);
        vm.expectRevert(abi.encodeWithSelector(System.SystemCapacityExceeded.selector, uint32(3)));
        storageResource.reserveForEpochs(uint64(capacity - capacity / 2 + 1), 1, 4, NO_LIMIT);
        storageResource.reserveForEpochs(uint64(capacity - capacity / 2 + 1), 1, 3, NO_LIMIT);
        vm.stopPrank();
        assertEq(system.usedCapacityAt(4), capacity / 2);
    }

    function test_cost_views() public {
        _bootstrap(4);
        assertEq(system.storageCost(1, 2), 2 * STORAGE_PRICE);
        assertEq(system.storageCost((1 << 20) + 1, 1), 2 * STORAGE_PRICE);
        assertEq(system.writeCost(3 << 20), 3 * WRITE_PRICE);
    }

    // ---------------------------------------------------------------- certificates (direct)

    function test_verifyCertificate_checks_shape() public {
        _bootstrap(4);
        bytes32 digest = keccak256("m");
        (bytes memory bitmap, bytes memory sigs) = _certificate(1, digest, _range(0, 4));
        assertEq(system.verifyCertificate(1, digest, bitmap, sigs, true), 10);
        vm.expectRevert(abi.encodeWithSelector(System.SystemWrongEpoch.selector, uint32(2), uint32(1)));
        system.verifyCertificate(2, digest, bitmap, sigs, true);
        vm.expectRevert(abi.encodeWithSelector(System.SystemBitmapLengthMismatch.selector, uint256(2), uint256(1)));
        system.verifyCertificate(1, digest, bytes.concat(bitmap, hex"00"), sigs, true);
        vm.expectRevert(System.SystemBitmapOutOfRange.selector);
        system.verifyCertificate(1, digest, hex"1f", sigs, true);
        vm.expectRevert(System.SystemSignatureCountMismatch.selector);
        system.verifyCertificate(1, digest, hex"07", sigs, true);
        vm.expectRevert(System.SystemSignatureCountMismatch.selector);
        system.verifyCertificate(1, digest, bitmap, bytes.concat(sigs, hex"00"), true);
    }

    function test_verifyCertificate_without_committee() public {
        vm.expectRevert(abi.encodeWithSelector(System.SystemNoCommittee.selector, uint32(0)));
        system.verifyCertificate(0, bytes32(0), "", "", true);
    }

    function test_verifyCertificate_weak_quorum_needs_one_honest_member() public {
        _bootstrap(4);
        bytes32 digest = keccak256("m");
        (bytes memory bitmap, bytes memory sigs) = _certificate(1, digest, _range(2, 3)); // 2 of 10
        vm.expectRevert(abi.encodeWithSelector(System.SystemQuorumNotReached.selector, uint256(2), uint256(10)));
        system.verifyCertificate(1, digest, bitmap, sigs, false);
        (bitmap, sigs) = _certificate(1, digest, _range(0, 2)); // 6 of 10 (n+1 = 11 <= 18)
        assertEq(system.verifyCertificate(1, digest, bitmap, sigs, false), 6);
        vm.expectRevert(abi.encodeWithSelector(System.SystemQuorumNotReached.selector, uint256(6), uint256(10)));
        system.verifyCertificate(1, digest, bitmap, sigs, true);
    }

    // ---------------------------------------------------------------- governance-only setters

    function test_parameter_setters_only_governance_and_in_range() public {
        vm.expectRevert(System.SystemNotGovernance.selector);
        system.setBurnShare(100);
        vm.expectRevert(System.SystemNotGovernance.selector);
        system.setMaxEpochsAhead(10);
        vm.startPrank(address(governance));
        vm.expectRevert(System.SystemInvalidConfig.selector);
        system.setBurnShare(10_001);
        vm.expectRevert(System.SystemInvalidConfig.selector);
        system.setMaxEpochsAhead(0);
        system.setBurnShare(500);
        system.setMaxEpochsAhead(10);
        vm.stopPrank();
        assertEq(system.burnShare(), 500);
        assertEq(system.maxEpochsAhead(), 10);
    }

    function test_upgrade_reverts_unless_governance() public {
        address impl = address(new System());
        vm.expectRevert(System.SystemNotGovernance.selector);
        UUPSUpgradeable(address(system)).upgradeToAndCall(impl, "");
    }

    function _dust(uint256 perEpoch) private pure returns (uint256) {
        uint256 rest = perEpoch - perEpoch * 300 / 10_000;
        return rest - ((rest * 3 / 10) * 2 + (rest * 2 / 10) * 2);
    }
}
