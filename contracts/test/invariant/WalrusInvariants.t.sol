// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {InvariantBase} from "../base/TestBase.sol";
import {WalrusHandler} from "./WalrusHandler.sol";
import {Staking} from "../../src/Staking.sol";
import {Apportionment} from "../../src/libraries/Apportionment.sol";

/// @notice Invariants of the whole control plane under random actions (see WalrusHandler), with 16 nodes,
///         an active set of 6 (the committee is always full) and a full candidate list (6 + 8 of 16):
///         progress (every allowed epoch step succeeds, epochs advance, registered blobs certify), no attack
///         of issue 8 succeeds, invalid blobs are never reported certified, WAL is conserved, committees
///         hold exactly n shards within the per-node cap, and no pool owes more than Staking holds.
contract WalrusInvariantTest is WalrusTestBase, InvariantBase {
    uint256 internal constant NODES = 16;
    uint16 internal constant ACTIVE_SET = 6;
    address internal constant EVIDENCE = address(0xE71D);
    WalrusHandler internal handler;

    function _deployConfig() internal view override returns (DeployConfig memory c) {
        c = super._deployConfig();
        c.activeSetSize = ACTIVE_SET;
    }

    function setUp() public override {
        super.setUp();
        _bootstrap(NODES);
        vm.prank(address(governance)); // as if governance had named the storage-challenge contract
        slashing.setEvidenceSource(EVIDENCE, true);
        handler = new WalrusHandler(d, treasury, NODES, EVIDENCE);
        _targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](20);
        selectors[0] = WalrusHandler.stake.selector;
        selectors[1] = WalrusHandler.requestWithdraw.selector;
        selectors[2] = WalrusHandler.withdraw.selector;
        selectors[3] = WalrusHandler.buyStorage.selector;
        selectors[4] = WalrusHandler.storeAndCertify.selector;
        selectors[5] = WalrusHandler.advanceEpoch.selector;
        selectors[6] = WalrusHandler.slashNode.selector;
        selectors[7] = WalrusHandler.collectCommission.selector;
        selectors[8] = WalrusHandler.advanceFullEpoch.selector;
        selectors[9] = WalrusHandler.splitPosition.selector;
        selectors[10] = WalrusHandler.joinPositions.selector;
        selectors[11] = WalrusHandler.setVotes.selector;
        selectors[12] = WalrusHandler.splitOrFuseStorage.selector;
        selectors[13] = WalrusHandler.extendBlob.selector;
        selectors[14] = WalrusHandler.deleteBlob.selector;
        selectors[15] = WalrusHandler.invalidate.selector;
        selectors[16] = WalrusHandler.propose.selector;
        selectors[17] = WalrusHandler.executeProposals.selector;
        selectors[18] = WalrusHandler.attack.selector;
        selectors[19] = WalrusHandler.storeAndCertify.selector; // storing is the main workload: twice the weight
        _targetSelectors(address(handler), selectors);
        assertEq(staking.activeSet().length, ACTIVE_SET + staking.CANDIDATE_SLACK()); // a full list
    }

    /// @notice The handler's actions do act (they are not silently failing no-ops): one deterministic pass.
    function test_handler_actions_take_effect() public {
        handler.stake(0, 0, 5e12);
        handler.splitPosition(0, 1e12);
        handler.storeAndCertify(0, 1000, true);
        handler.storeAndCertify(1, 2000, false);
        handler.extendBlob(1, 1);
        handler.invalidate(1);
        handler.attack(9); // extend of the invalidated blob
        handler.deleteBlob(0);
        handler.buyStorage(0, 10, 3);
        handler.splitOrFuseStorage(0, 1, true);
        handler.setVotes(0, 100, 100);
        handler.propose(0);
        handler.slashNode(1);
        handler.attack(0);
        handler.attack(2);
        handler.attack(3);
        for (uint256 i; i < 4; ++i) {
            handler.advanceFullEpoch();
        }
        handler.executeProposals();
        handler.joinPositions(0, 1);
        handler.requestWithdraw(0);
        handler.advanceFullEpoch();
        handler.advanceFullEpoch();
        handler.withdraw(0);
        bytes4[15] memory acted = [
            WalrusHandler.stake.selector,
            WalrusHandler.splitPosition.selector,
            WalrusHandler.storeAndCertify.selector,
            WalrusHandler.buyStorage.selector,
            WalrusHandler.splitOrFuseStorage.selector,
            WalrusHandler.setVotes.selector,
            WalrusHandler.propose.selector,
            WalrusHandler.slashNode.selector,
            WalrusHandler.advanceFullEpoch.selector,
            WalrusHandler.executeProposals.selector,
            WalrusHandler.extendBlob.selector,
            WalrusHandler.invalidate.selector,
            WalrusHandler.deleteBlob.selector,
            WalrusHandler.requestWithdraw.selector,
            WalrusHandler.withdraw.selector
        ];
        for (uint256 i; i < acted.length; ++i) {
            assertGt(handler.calls(acted[i]), 0, vm.toString(i));
        }
        assertEq(handler.attacksTried(), 4);
        assertEq(handler.attackSuccesses(), 0);
        assertEq(handler.epochsStarted(), 6);
        assertEq(handler.blobsCertified(), 2);
    }

    /// @notice Progress: every epoch step the state machine allowed succeeded, the epoch number counts
    ///         every started epoch, and every registered blob was certified.
    function invariant_epochs_advance_and_blobs_certify() public view {
        assertEq(handler.epochStepFailures(), 0, "an allowed epoch step reverted");
        assertEq(_currentEpoch(), 1 + handler.epochsStarted(), "epochs");
        assertEq(handler.certifyFailures(), 0, "a registered blob did not certify");
        assertEq(handler.blobsCertified(), handler.blobsRegistered(), "certified");
    }

    /// @notice The committee is always full: the active set has more candidates than places.
    function invariant_committee_is_full() public view {
        (uint32[] memory ids,,) = system.committee(_currentEpoch());
        assertEq(ids.length, staking.activeSetSize(), "committee size");
    }

    /// @notice None of the adversary's attacks succeeded.
    function invariant_no_attack_succeeds() public view {
        assertEq(handler.attackSuccesses(), 0, "attack");
    }

    /// @notice A blob whose id was marked invalid is never reported certified.
    function invariant_invalid_blobs_are_not_certified() public view {
        for (uint256 i; i < handler.blobCount(); ++i) {
            uint256 objectId = handler.blobs(i);
            (bool certified,) = blobRegistry.isCertified(objectId);
            if (!certified) continue;
            assertFalse(blobRegistry.isInvalid(blobRegistry.blob(objectId).blobId), "invalid but certified");
        }
    }

    /// @notice Balances of every holder plus everything burned equal the initial supply.
    function invariant_wal_is_conserved() public view {
        uint256 held = wal.balanceOf(treasury) + wal.balanceOf(address(system)) + wal.balanceOf(address(staking))
            + wal.balanceOf(address(handler)) + wal.balanceOf(address(this)) + wal.balanceOf(handler.ADVERSARY());
        for (uint256 i; i < handler.actorCount(); ++i) {
            held += wal.balanceOf(handler.actors(i));
        }
        for (uint256 k = 1; k <= NODES; ++k) {
            held += wal.balanceOf(_ownerFor(k));
        }
        assertEq(held, wal.totalSupply(), "balances");
        assertEq(wal.totalSupply() + system.totalBurned() + staking.totalBurned(), wal.INITIAL_SUPPLY(), "burned");
        assertGe(wal.balanceOf(address(system)), system.currentEpochIncome(), "system funds the epoch");
    }

    /// @notice The current (and, once selected, next) committee holds exactly n shards, each member at
    ///         most the per-node cap, and the shard table agrees with the members' weights.
    function invariant_committee_shards_sum_to_n_within_caps() public view {
        (uint32 epoch, uint8 state) = system.epochInfo();
        _checkCommittee(epoch);
        if (state == system.STATE_NEXT_PARAMS_SELECTED()) _checkCommittee(epoch + 1);
    }

    /// @notice The Staking contract holds at least what all positions are worth plus all commission.
    function invariant_pools_hold_what_they_owe() public view {
        uint256 owed;
        uint32 nodes = nodeRegistry.nodeCount();
        for (uint32 id = 1; id <= nodes; ++id) {
            Staking.PoolView memory p = staking.poolInfo(id);
            owed += p.commission + p.lockedCommission;
        }
        for (uint256 tokenId = 1; tokenId <= NODES; ++tokenId) {
            owed += staking.position(tokenId).value; // the nodes' own stake is never withdrawn here
        }
        uint256 count = handler.positionCount();
        for (uint256 i; i < count; ++i) {
            try staking.position(handler.positions(i)) returns (Staking.PositionView memory v) {
                owed += v.value;
            } catch {}
        }
        assertGe(wal.balanceOf(address(staking)), owed, "staking solvency");
    }

    function _checkCommittee(uint32 epoch) private view {
        (uint32[] memory ids, uint16[] memory weights,) = system.committee(epoch);
        uint256 n = system.nShards();
        uint256 cap = Apportionment.perNodeCap(n, ids.length);
        uint256 sum;
        for (uint256 i; i < ids.length; ++i) {
            sum += weights[i];
            assertLe(weights[i], cap, "cap");
            assertGt(weights[i], 0, "member without shards");
            if (i > 0) assertGt(ids[i], ids[i - 1], "members ascending by node id");
        }
        assertEq(sum, n, "shards");
        uint32[] memory owners = system.shardOwners(epoch);
        for (uint256 i; i < ids.length; ++i) {
            uint256 held;
            for (uint256 s; s < n; ++s) {
                if (owners[s] == ids[i]) ++held;
            }
            assertEq(held, weights[i], "shard table");
        }
    }
}
