// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {InvariantBase} from "../base/TestBase.sol";
import {WalrusHandler} from "./WalrusHandler.sol";
import {Staking} from "../../src/Staking.sol";
import {Apportionment} from "../../src/libraries/Apportionment.sol";

/// @notice Invariants of the whole control plane under random actions (see WalrusHandler):
///         WAL is conserved, committees hold exactly n shards within the per-node cap, and no pool owes
///         more than the Staking contract holds.
contract WalrusInvariantTest is WalrusTestBase, InvariantBase {
    uint256 internal constant NODES = 5;
    WalrusHandler internal handler;

    function setUp() public override {
        super.setUp();
        _bootstrap(NODES);
        handler = new WalrusHandler(d, treasury, NODES, NODES);
        _targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = WalrusHandler.stake.selector;
        selectors[1] = WalrusHandler.requestWithdraw.selector;
        selectors[2] = WalrusHandler.withdraw.selector;
        selectors[3] = WalrusHandler.buyStorage.selector;
        selectors[4] = WalrusHandler.storeAndCertify.selector;
        selectors[5] = WalrusHandler.advanceEpoch.selector;
        selectors[6] = WalrusHandler.slashNode.selector;
        selectors[7] = WalrusHandler.collectCommission.selector;
        selectors[8] = WalrusHandler.advanceFullEpoch.selector;
        _targetSelectors(address(handler), selectors);
    }

    /// @notice Balances of every holder plus everything burned equal the initial supply.
    function invariant_wal_is_conserved() public view {
        uint256 held = wal.balanceOf(treasury) + wal.balanceOf(address(system)) + wal.balanceOf(address(staking))
            + wal.balanceOf(address(handler)) + wal.balanceOf(address(this));
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
        for (uint32 id = 1; id <= NODES; ++id) {
            Staking.PoolView memory p = staking.poolInfo(id);
            owed += p.commission + p.lockedCommission;
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
