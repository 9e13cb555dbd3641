// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Staking} from "../../src/Staking.sol";
import {System} from "../../src/System.sol";
import {StorageResource} from "../../src/StorageResource.sol";
import {BlobRegistry} from "../../src/BlobRegistry.sol";

/// @notice Every permissionless crank, and the user calls whose work grows with the parameters, fit the
///         EIP-7825 per-transaction cap (2^24 gas) at the worst case the contracts allow: the largest active
///         set (MAX_ACTIVE_SET_SIZE) with a full candidate list (+ CANDIDATE_SLACK), MAX_SHARDS shards,
///         votes in the order that is worst for sorting, a whole committee replaced by new nodes (every
///         shard moves, rewards to every old pool and every new pool advanced), the largest member's
///         epochSyncDone, a certificate signed by every member, and storage bought MAX_MAX_EPOCHS_AHEAD
///         epochs ahead. The measured gas is asserted, not only logged (execution gas, cold storage).
contract GasLimitTest is WalrusTestBase {
    uint256 internal constant TX_GAS_CAP = 1 << 24; // EIP-7825
    uint16 internal constant SHARDS = 2048;

    function _shardCount() internal pure override returns (uint16) {
        return SHARDS;
    }

    function _deployConfig() internal view override returns (DeployConfig memory c) {
        c = super._deployConfig();
        c.activeSetSize = 128;
        c.maxEpochsAhead = 1000;
    }

    function test_parameters_are_the_largest_the_contracts_allow() public view {
        assertEq(SHARDS, system.MAX_SHARDS());
        assertEq(staking.activeSetSize(), staking.MAX_ACTIVE_SET_SIZE());
        assertEq(system.maxEpochsAhead(), system.MAX_MAX_EPOCHS_AHEAD());
    }

    function test_worst_case_cranks_fit_2_pow_24_gas() public {
        _firstCommittee();
        _replaceWholeList();
        _transition();
        _certifyAndReserve();
    }

    function _firstCommittee() private {
        uint256 size = staking.MAX_ACTIVE_SET_SIZE();
        uint256 listSize = size + staking.CANDIDATE_SLACK();
        // A full candidate list; price votes descending by node id (worst order for a naive sort).
        for (uint256 i; i < listSize; ++i) {
            uint32 id = _registerNode();
            vm.prank(_ownerFor(id));
            staking.setVotes(
                id, uint64(STORAGE_PRICE + listSize - i), uint64(WRITE_PRICE + listSize - i), NODE_CAPACITY
            );
            _stake(_ownerFor(id), id, (1 + i % 13) * 100_000 * WAL_UNIT);
        }
        assertEq(staking.activeSet().length, listSize);
        _measured(address(system), abi.encodeCall(system.votingEnd, ()), "votingEnd (first committee)");
        _measured(address(system), abi.encodeCall(system.initiateEpochChange, ()), "initiateEpochChange (0 -> 1)");
        (uint32[] memory first,,) = system.committee(1);
        assertEq(first.length, size);

        _newBlob(alice, 1_000_000, keccak256("r"), false, 5); // income for every member of epoch 1
    }

    function _replaceWholeList() private {
        uint256 listSize = staking.MAX_ACTIVE_SET_SIZE() + staking.CANDIDATE_SLACK();

        // New nodes with more stake take every place of the list (each entry scans the full list).
        uint256 newcomerStake = 2_000_000 * WAL_UNIT;
        uint32 firstNew;
        for (uint256 i; i < listSize; ++i) {
            uint32 id = _registerNode();
            if (i == 0) firstNew = id;
            vm.prank(_ownerFor(id));
            staking.setVotes(id, uint64(STORAGE_PRICE + listSize - i), uint64(WRITE_PRICE), NODE_CAPACITY);
            _fundAndApprove(bob, newcomerStake + i * WAL_UNIT);
            if (i == listSize - 1) {
                _measured(
                    address(staking),
                    abi.encodeCall(staking.stake, (id, newcomerStake + i * WAL_UNIT)),
                    "stake entering a full candidate list",
                    bob
                );
            } else {
                vm.prank(bob);
                staking.stake(id, newcomerStake + i * WAL_UNIT);
            }
        }
        uint32[] memory list = staking.activeSet();
        for (uint256 i; i < list.length; ++i) {
            assertGe(list[i], firstNew); // the whole list was replaced
        }
    }

    function _transition() private {
        uint256 size = staking.MAX_ACTIVE_SET_SIZE();

        _votingEnd2("votingEnd (whole committee replaced, every shard moves)");
        (, uint256 changeAt) = system.nextTransitionTimes();
        vm.warp(changeAt);
        _measured(
            address(system),
            abi.encodeCall(system.initiateEpochChange, ()),
            "initiateEpochChange (every old pool rewarded, every new pool advanced)"
        );
        (uint32[] memory second, uint16[] memory weights,) = system.committee(2);
        assertEq(second.length, size);
        uint256 largest;
        for (uint256 i; i < second.length; ++i) {
            if (weights[i] > weights[largest]) largest = i;
        }
        _measured(
            address(system),
            abi.encodeCall(system.epochSyncDone, (second[largest], 2)),
            "epochSyncDone (largest member)",
            nodeRegistry.nodeOwner(second[largest])
        );
        for (uint256 i; i < second.length; ++i) {
            (, uint8 state) = system.epochInfo();
            if (state != system.STATE_EPOCH_CHANGE_SYNC()) break;
            if (i == largest) continue;
            vm.prank(nodeRegistry.nodeOwner(second[i]));
            system.epochSyncDone(second[i], 2);
        }
    }

    function _certifyAndReserve() private {
        uint256 size = staking.MAX_ACTIVE_SET_SIZE();
        // A certificate signed by every member, and storage bought as far ahead as allowed.
        uint256 objectId = _newBlob(alice, 1000, keccak256("all"), false, 3);
        BlobRegistry.Blob memory b = blobRegistry.blob(objectId);
        bytes32 digest = blobRegistry.confirmationDigest(2, b.blobId, 0, 0);
        (bytes memory bitmap, bytes memory sigs) = _certificate(2, digest, _range(0, size));
        _measured(
            address(blobRegistry),
            abi.encodeCall(blobRegistry.certifyBlob, (objectId, 2, b.blobId, 0, 0, bitmap, sigs)),
            "certifyBlob (every member signs)"
        );
        _fundAndApprove(alice, 1_000_000_000 * WAL_UNIT);
        _measured(
            address(storageResource),
            abi.encodeCall(storageResource.reserve, (1 << 20, 1000, NO_LIMIT)),
            "reserve (1000 epochs ahead)",
            alice
        );
    }

    function _votingEnd2(string memory what) private {
        (uint256 votingEndAt,) = system.nextTransitionTimes();
        vm.warp(votingEndAt);
        _measured(address(system), abi.encodeCall(system.votingEnd, ()), what);
    }

    function _measured(address target, bytes memory data, string memory what) private {
        _measured(target, data, what, address(this));
    }

    function _measured(address target, bytes memory data, string memory what, address sender) private {
        vm.cool(address(system));
        vm.cool(address(staking));
        vm.cool(address(nodeRegistry));
        vm.cool(target);
        vm.prank(sender);
        uint256 start = gasleft();
        (bool ok, bytes memory ret) = target.call(data);
        uint256 used = start - gasleft();
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
        _log(what, used);
        assertLe(used, TX_GAS_CAP, what);
    }
}
