// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {System} from "../../src/System.sol";
import {BlobRegistry} from "../../src/BlobRegistry.sol";

/// @notice Issue 8, finding 2: a price vote moved the price at once and buyers with an unlimited approval
///         paid whatever it was at execution. Now votes count at `votingEnd`, prices change only at the
///         epoch boundary, and every paying function takes `maxCost`.
contract PriceGougingTest is WalrusTestBase {
    uint64 internal constant GOUGE = 1_000_000_000; // FROST per MiB: a million times the quote

    function setUp() public override {
        super.setUp();
        _bootstrap(4);
        _fundAndApprove(alice, 1_000_000_000 * WAL_UNIT); // the usual unlimited approval
    }

    function _gouge() private {
        for (uint32 id = 1; id <= 4; ++id) {
            vm.prank(_ownerFor(id));
            staking.setVotes(id, GOUGE, GOUGE, NODE_CAPACITY);
        }
    }

    function test_attack_price_vote_does_not_move_the_price_within_the_epoch() public {
        uint256 quote = system.storageCost(1 << 20, 2);
        _gouge();
        uint256 before = wal.balanceOf(alice);
        vm.prank(alice);
        storageResource.reserve(1 << 20, 2, quote);
        assertEq(before - wal.balanceOf(alice), quote);
        assertEq(quote, 2 * STORAGE_PRICE);
    }

    function test_attack_price_raised_at_the_boundary_is_stopped_by_maxCost() public {
        uint256 storageQuote = system.storageCost(1 << 20, 2);
        uint256 encoded = blobRegistry.encodedSize(1000);
        uint256 writeQuote = system.writeCost(encoded);
        uint256 objectId = _newBlob(alice, 1000, keccak256("a"), false, 3);
        _certifyBlob(objectId);
        vm.prank(alice);
        uint256 storageId = storageResource.reserve(uint64(encoded), 3, NO_LIMIT);
        _gouge();
        _nextEpoch(); // the gouged prices apply from epoch 2
        assertEq(system.storagePrice(), GOUGE);
        uint256 before = wal.balanceOf(alice);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(System.SystemCostTooHigh.selector, 2 * uint256(GOUGE), storageQuote));
        storageResource.reserve(1 << 20, 2, storageQuote);
        vm.expectRevert(abi.encodeWithSelector(System.SystemCostTooHigh.selector, 2 * uint256(GOUGE), storageQuote));
        storageResource.reserveForEpochs(1 << 20, 2, 4, storageQuote);
        BlobRegistry.BlobParams memory p = _blobParams(1000, keccak256("b"), false);
        uint256 gougedWrite = system.writeCost(encoded);
        vm.expectRevert(abi.encodeWithSelector(System.SystemCostTooHigh.selector, gougedWrite, writeQuote));
        blobRegistry.registerBlob(storageId, p.blobId, p.rootHash, p.size, 1, false, writeQuote);
        BlobRegistry.BlobParams[] memory ps = new BlobRegistry.BlobParams[](1);
        ps[0] = p;
        uint256[] memory ids = new uint256[](1);
        ids[0] = storageId;
        vm.expectRevert(abi.encodeWithSelector(System.SystemCostTooHigh.selector, gougedWrite, writeQuote));
        blobRegistry.registerBlobs(ids, ps, writeQuote);
        uint256 batchCost = system.storageCost(encoded, 2) + gougedWrite;
        vm.expectRevert(abi.encodeWithSelector(System.SystemCostTooHigh.selector, batchCost, storageQuote));
        blobRegistry.reserveAndRegisterBlobs(ps, 2, storageQuote);
        uint256 extendCost = system.storageCost(blobRegistry.blob(objectId).storageSize, 1);
        vm.expectRevert(abi.encodeWithSelector(System.SystemCostTooHigh.selector, extendCost, storageQuote));
        blobRegistry.extendBlob(objectId, 1, storageQuote);
        vm.stopPrank();
        assertEq(wal.balanceOf(alice), before); // nothing was charged
    }

    function test_legitimate_purchase_at_the_quoted_cost_succeeds() public {
        uint256 encoded = blobRegistry.encodedSize(1000);
        uint256 quote = system.storageCost(encoded, 4) + system.writeCost(encoded);
        BlobRegistry.BlobParams[] memory ps = new BlobRegistry.BlobParams[](1);
        ps[0] = _blobParams(1000, keccak256("c"), true);
        uint256 before = wal.balanceOf(alice);
        vm.prank(alice);
        uint256 objectId = blobRegistry.reserveAndRegisterBlobs(ps, 4, quote)[0];
        assertEq(before - wal.balanceOf(alice), quote);
        _certifyBlob(objectId);
        uint256 extendQuote = system.storageCost(blobRegistry.blob(objectId).storageSize, 2);
        vm.prank(alice);
        blobRegistry.extendBlob(objectId, 2, extendQuote);
        assertEq(before - wal.balanceOf(alice), quote + extendQuote);
    }
}
