// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {BlobRegistry} from "../../src/BlobRegistry.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {Staking} from "../../src/Staking.sol";
import {System} from "../../src/System.sol";
import {StorageResource} from "../../src/StorageResource.sol";

/// @notice Gas of the main operations at 1000 shards with 10, 50 and 100 nodes. Every measured call
///         starts with cold storage and accounts (`vm.cool`), like a transaction of its own; figures are
///         execution gas (for certify also the whole transaction: 21,000 + calldata, EIP-7623). Run with
///         `forge test --match-contract GasReportTest -vv` to print the table.
contract GasReportTest is WalrusTestBase {
    uint256 internal constant BLOCK_GAS_LIMIT = 30_000_000;
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    uint256 private _gasStart;

    function _shardCount() internal pure override returns (uint16) {
        return 1000;
    }

    function test_gas_10_nodes() public {
        _report(10);
    }

    function test_gas_50_nodes() public {
        _report(50);
    }

    function test_gas_100_nodes() public {
        _report(100);
    }

    uint256 private _objectId;
    bytes32 private _blobId;

    function _report(uint256 nodes) private {
        _log("==== nodes", nodes);
        _registerAndBootstrap(nodes);
        _blobs();
        _certify(nodes);
        _transition(nodes);
        _afterTransition();
    }

    function _registerAndBootstrap(uint256 nodes) private {
        // Registration of the last node, with all others registered.
        for (uint256 i = 1; i < nodes; ++i) {
            uint32 id = _registerNode();
            _stake(_ownerFor(id), id, 1_000_000 * WAL_UNIT);
        }
        uint256 k = ++nodesCreated;
        bytes memory data = abi.encodeCall(NodeRegistry.registerNode, (_registration(k)));
        (bytes memory result,) = _measure("registerNode", _ownerFor(k), address(nodeRegistry), data);
        uint32 last = abi.decode(result, (uint32));
        signingKeyOf[last] = _signingKeyFor(k);
        _fundAndApprove(_ownerFor(k), 1_000_000 * WAL_UNIT);
        data = abi.encodeCall(Staking.stake, (last, 1_000_000 * WAL_UNIT));
        _measure("stake", _ownerFor(k), address(staking), data);
        _measure("votingEnd (first committee)", address(0), address(system), abi.encodeCall(System.votingEnd, ()));
        data = abi.encodeCall(System.initiateEpochChange, ());
        _measure("initiateEpochChange (epoch 0 -> 1)", address(0), address(system), data);
    }

    function _blobs() private {
        _fundAndApprove(alice, 100_000_000 * WAL_UNIT);
        BlobRegistry.BlobParams[] memory one = new BlobRegistry.BlobParams[](1);
        one[0] = _blobParams(1_000_000, keccak256("blob"), false);
        _blobId = one[0].blobId;
        bytes memory data = abi.encodeCall(BlobRegistry.reserveAndRegisterBlobs, (one, 53, type(uint256).max));
        (bytes memory result,) =
            _measure("reserveAndRegisterBlobs (1 blob, 53 epochs)", alice, address(blobRegistry), data);
        _objectId = abi.decode(result, (uint256[]))[0];

        uint64 encoded = uint64(blobRegistry.encodedSize(1000));
        data = abi.encodeCall(StorageResource.reserve, (encoded, 10, type(uint256).max));
        (result,) = _measure("reserve (storage token, 10 epochs)", alice, address(storageResource), data);
        uint256 storageId = abi.decode(result, (uint256));
        BlobRegistry.BlobParams memory p = _blobParams(1000, keccak256("blob2"), true);
        data = abi.encodeCall(
            BlobRegistry.registerBlob, (storageId, p.blobId, p.rootHash, p.size, 1, true, type(uint256).max)
        );
        _measure("registerBlob (on a storage token)", alice, address(blobRegistry), data);

        BlobRegistry.BlobParams[] memory batch = new BlobRegistry.BlobParams[](20);
        for (uint256 i; i < 20; ++i) {
            batch[i] = _blobParams(uint64(1000 + i), keccak256(abi.encode("batch", i)), false);
        }
        data = abi.encodeCall(BlobRegistry.reserveAndRegisterBlobs, (batch, 5, type(uint256).max));
        _measure("reserveAndRegisterBlobs (20 blobs, 5 epochs)", alice, address(blobRegistry), data);
    }

    function _certify(uint256 nodes) private {
        // The smallest quorum of the committee (67 of 100 equal members).
        uint256[] memory signers = _quorumIndices(1, true);
        (bytes memory bitmap, bytes memory sigs) =
            _certificate(1, blobRegistry.confirmationDigest(1, _blobId, 0, 0), signers);
        bytes memory data = abi.encodeCall(BlobRegistry.certifyBlob, (_objectId, 1, _blobId, 0, 0, bitmap, sigs));
        _log("certify signers", signers.length);
        (, uint256 used) = _measure("certifyBlob (execution)", address(0), address(blobRegistry), data);
        uint256 txGas = _transactionGas(data, used);
        _log("certifyBlob (transaction: + 21000 + calldata)", txGas);
        if (nodes == 100) {
            assertEq(signers.length, 67);
            assertLt(txGas, 600_000, "certify with 67 signers");
        }
    }

    function _transition(uint256 nodes) private {
        // Every third node doubles its stake: shards move.
        for (uint32 id = 1; id <= nodes; id += 3) {
            _stake(bob, id, 1_000_000 * WAL_UNIT);
        }
        (uint256 votingEndAt,) = system.nextTransitionTimes();
        vm.warp(votingEndAt);
        _measure("votingEnd (with shard transition)", address(0), address(system), abi.encodeCall(System.votingEnd, ()));
        (, uint256 changeAt) = system.nextTransitionTimes();
        vm.warp(changeAt);
        bytes memory data = abi.encodeCall(System.initiateEpochChange, ());
        _measure("initiateEpochChange (rewards to every pool)", address(0), address(system), data);
        (uint32[] memory ids,,) = system.committee(2);
        data = abi.encodeCall(System.epochSyncDone, (ids[0], 2));
        _measure("epochSyncDone", _ownerFor(ids[0]), address(system), data);
        for (uint256 i = 1; i < ids.length; ++i) {
            (, uint8 state) = system.epochInfo();
            if (state != system.STATE_EPOCH_CHANGE_SYNC()) break;
            vm.prank(_ownerFor(ids[i]));
            system.epochSyncDone(ids[i], 2);
        }
    }

    function _afterTransition() private {
        (uint32[] memory ids,,) = system.committee(2);
        bytes memory data = abi.encodeCall(Staking.setVotes, (ids[0], STORAGE_PRICE + 1, WRITE_PRICE, NODE_CAPACITY));
        _measure("setVotes (counts at the next votingEnd)", _ownerFor(ids[0]), address(staking), data);
        bytes32 invalidId = keccak256("invalid");
        (bytes memory bitmap, bytes memory sigs) =
            _certificate(2, blobRegistry.invalidBlobDigest(2, invalidId), _quorumIndices(2, false));
        data = abi.encodeCall(BlobRegistry.invalidateBlobId, (2, invalidId, bitmap, sigs));
        _measure("invalidateBlobId (f+1 signers)", address(0), address(blobRegistry), data);
    }

    /// @dev Calls `target` with precomputed calldata (as `sender` when non-zero) and returns the
    ///      execution gas; encoding happens before the measurement so the test's own memory does not count.
    function _measure(string memory what, address sender, address target, bytes memory data)
        private
        returns (bytes memory result, uint256 used)
    {
        _begin();
        if (sender != address(0)) vm.prank(sender);
        bool ok;
        (ok, result) = target.call(data);
        used = _end(what);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }

    function _begin() private {
        address[] memory targets = new address[](10);
        targets[0] = address(nodeRegistry);
        targets[1] = address(staking);
        targets[2] = address(stakedWal);
        targets[3] = address(system);
        targets[4] = address(storageResource);
        targets[5] = address(blobRegistry);
        targets[6] = address(slashing);
        targets[7] = address(governance);
        targets[8] = address(wal);
        targets[9] = address(directory);
        for (uint256 i; i < targets.length; ++i) {
            vm.cool(targets[i]);
            address impl = address(uint160(uint256(vm.load(targets[i], IMPLEMENTATION_SLOT))));
            if (impl != address(0)) vm.cool(impl);
        }
        _gasStart = gasleft();
    }

    function _end(string memory what) private view returns (uint256 used) {
        used = _gasStart - gasleft();
        _log(what, used);
        assertLt(used, BLOCK_GAS_LIMIT, what);
    }

    /// @dev Gas of the whole transaction under EIP-7623 (Prague): 21,000 + max(4 * tokens + execution,
    ///      10 * tokens), where tokens = zero bytes + 4 * non-zero bytes of calldata.
    function _transactionGas(bytes memory data, uint256 execution) private pure returns (uint256) {
        uint256 zeros;
        for (uint256 i; i < data.length; ++i) {
            if (data[i] == 0) ++zeros;
        }
        uint256 tokens = zeros + 4 * (data.length - zeros);
        uint256 standard = 4 * tokens + execution;
        uint256 floor = 10 * tokens;
        return 21_000 + (standard > floor ? standard : floor);
    }
}
