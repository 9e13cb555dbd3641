// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {BlobRegistry} from "../../src/BlobRegistry.sol";

/// @notice Issue 8, finding 6b: `extendBlob` of a blob whose id was marked invalid was accepted and paid.
contract ExtendInvalidBlobTest is WalrusTestBase {
    uint256 internal objectId;

    function setUp() public override {
        super.setUp();
        _bootstrap(4);
        objectId = _newBlob(alice, 1000, keccak256("x"), false, 3);
        _certifyBlob(objectId);
    }

    function _invalidate() private {
        bytes32 blobId = blobRegistry.blob(objectId).blobId;
        bytes32 digest = blobRegistry.invalidBlobDigest(1, blobId);
        (bytes memory bitmap, bytes memory sigs) = _certificate(1, digest, _quorumIndices(1, false));
        blobRegistry.invalidateBlobId(1, blobId, bitmap, sigs);
    }

    function test_attack_extending_an_invalid_blob_is_refused_and_not_charged() public {
        _invalidate();
        bytes32 blobId = blobRegistry.blob(objectId).blobId;
        uint256 before = wal.balanceOf(alice);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryBlobIdInvalid.selector, blobId));
        blobRegistry.extendBlob(objectId, 2, NO_LIMIT);
        uint256 storageId = storageResource.reserveForEpochs(blobRegistry.blob(objectId).storageSize, 4, 6, NO_LIMIT);
        uint256 afterReserve = wal.balanceOf(alice);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryBlobIdInvalid.selector, blobId));
        blobRegistry.extendBlobWithStorage(objectId, storageId);
        vm.stopPrank();
        assertEq(wal.balanceOf(alice), afterReserve);
        assertLt(afterReserve, before); // only the separate reservation was paid
        assertEq(storageResource.ownerOf(storageId), alice); // and the token was not consumed
    }

    function test_legitimate_extension_of_a_valid_blob_is_paid_and_applied() public {
        uint256 cost = system.storageCost(blobRegistry.blob(objectId).storageSize, 2);
        uint256 before = wal.balanceOf(alice);
        vm.prank(alice);
        blobRegistry.extendBlob(objectId, 2, cost);
        assertEq(blobRegistry.blob(objectId).endEpoch, 6);
        assertEq(before - wal.balanceOf(alice), cost);
    }
}
