// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";

/// @notice The epoch-change functions still fit a 30M-gas block with the largest active set the
///         contracts allow (255 nodes) at 1000 shards, unequal stakes and shards moving between epochs.
contract GasLimitTest is WalrusTestBase {
    uint256 internal constant NODES = 255;
    uint256 internal constant BLOCK_GAS_LIMIT = 30_000_000;

    function _shardCount() internal pure override returns (uint16) {
        return 1000;
    }

    function _deployConfig() internal view override returns (DeployConfig memory c) {
        c = super._deployConfig();
        c.activeSetSize = 255;
    }

    function test_epoch_change_with_255_nodes_fits_a_block() public {
        for (uint256 i; i < NODES; ++i) {
            uint32 id = _registerNode();
            _stake(_ownerFor(id), id, (1 + i % 13) * 100_000 * WAL_UNIT);
        }
        _measured(abi.encodeCall(system.votingEnd, ()), "votingEnd (first committee, 255 nodes)");
        _measured(abi.encodeCall(system.initiateEpochChange, ()), "initiateEpochChange (0 -> 1, 255 nodes)");
        _newBlob(alice, 1_000_000, keccak256("r"), false, 5);
        for (uint32 id = 1; id <= NODES; id += 2) {
            _stake(bob, id, 500_000 * WAL_UNIT);
        }
        (uint256 votingEndAt,) = system.nextTransitionTimes();
        vm.warp(votingEndAt);
        _measured(abi.encodeCall(system.votingEnd, ()), "votingEnd (transition, 255 nodes)");
        (, uint256 changeAt) = system.nextTransitionTimes();
        vm.warp(changeAt);
        _measured(abi.encodeCall(system.initiateEpochChange, ()), "initiateEpochChange (rewards, 255 nodes)");
        (uint32[] memory ids,,) = system.committee(2);
        assertGt(ids.length, 200); // d'Hondt leaves the smallest stakes without shards
        assertLe(ids.length, NODES);
        _syncAll();
        (, uint8 state) = system.epochInfo();
        assertEq(state, system.STATE_EPOCH_CHANGE_DONE());
    }

    function _measured(bytes memory data, string memory what) private {
        vm.cool(address(system));
        vm.cool(address(staking));
        uint256 start = gasleft();
        (bool ok,) = address(system).call(data);
        uint256 used = start - gasleft();
        assertTrue(ok, what);
        _log(what, used);
        assertLt(used, BLOCK_GAS_LIMIT, what);
    }
}
