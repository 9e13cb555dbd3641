// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {BlobRegistry} from "../../src/BlobRegistry.sol";
import {StorageResource} from "../../src/StorageResource.sol";
import {System} from "../../src/System.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @dev Committee of epoch 1: nodes 1..4 with 3, 3, 2, 2 shards (n = 10, quorum 7, validity 4).
contract BlobRegistryTest is WalrusTestBase {
    bytes32 internal constant ROOT = keccak256("root");
    uint64 internal constant SIZE = 1000;

    event BlobRegistered(
        uint32 epoch,
        bytes32 indexed blobId,
        uint64 size,
        uint8 encodingType,
        uint32 endEpoch,
        bool deletable,
        uint256 indexed objectId
    );
    event BlobCertified(
        uint32 epoch,
        bytes32 indexed blobId,
        uint32 endEpoch,
        bool deletable,
        uint256 indexed objectId,
        bool isExtension
    );
    event BlobDeleted(
        uint32 epoch, bytes32 indexed blobId, uint32 endEpoch, uint256 indexed objectId, bool wasCertified
    );
    event InvalidBlobID(uint32 epoch, bytes32 indexed blobId);

    function setUp() public override {
        super.setUp();
        _bootstrap(4);
        _fundAndApprove(alice, 1_000_000 * WAL_UNIT);
    }

    function _storage(uint64 size, uint32 epochs) private returns (uint256 tokenId) {
        vm.prank(alice);
        tokenId = storageResource.reserve(size, epochs, NO_LIMIT);
    }

    function _register(uint256 storageId, BlobRegistry.BlobParams memory p) private returns (uint256) {
        vm.prank(alice);
        return blobRegistry.registerBlob(storageId, p.blobId, p.rootHash, p.size, p.encodingType, p.deletable, NO_LIMIT);
    }

    function _confirm(uint256 objectId, uint256[] memory signers)
        private
        view
        returns (bytes32 blobId, uint8 persistence, uint256 confirmed, bytes memory bitmap, bytes memory sigs)
    {
        BlobRegistry.Blob memory b = blobRegistry.blob(objectId);
        blobId = b.blobId;
        persistence = b.deletable ? 1 : 0;
        confirmed = b.deletable ? objectId : 0;
        (bitmap, sigs) = _certificate(1, blobRegistry.confirmationDigest(1, blobId, persistence, confirmed), signers);
    }

    function _indices(uint256 a, uint256 b, uint256 c) private pure returns (uint256[] memory r) {
        r = new uint256[](3);
        (r[0], r[1], r[2]) = (a, b, c);
    }

    // ---------------------------------------------------------------- registration

    function test_registerBlob_on_storage_charges_the_write_fee() public {
        uint256 encoded = blobRegistry.encodedSize(SIZE);
        uint256 storageId = _storage(uint64(encoded), 2);
        BlobRegistry.BlobParams memory p = _blobParams(SIZE, ROOT, false);
        uint256 before = wal.balanceOf(alice);
        vm.expectEmit(address(blobRegistry));
        emit BlobRegistered(1, p.blobId, SIZE, 1, 3, false, 1);
        uint256 objectId = _register(storageId, p);
        assertEq(blobRegistry.ownerOf(objectId), alice);
        assertEq(before - wal.balanceOf(alice), system.writeCost(encoded));
        BlobRegistry.Blob memory b = blobRegistry.blob(objectId);
        assertEq(b.blobId, p.blobId);
        assertEq(b.registeredEpoch, 1);
        assertEq(b.certifiedEpoch, 0);
        assertEq(b.endEpoch, 3);
        assertEq(b.storageSize, encoded);
        assertEq(storageResource.balanceOf(alice), 0); // consumed into the blob
    }

    function test_registerBlob_rejects_a_wrong_blob_id() public {
        uint256 storageId = _storage(uint64(blobRegistry.encodedSize(SIZE)), 2);
        BlobRegistry.BlobParams memory p = _blobParams(SIZE, ROOT, false);
        bytes32 derived = p.blobId;
        p.blobId = bytes32(uint256(derived) ^ 1);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryBlobIdMismatch.selector, p.blobId, derived));
        _register(storageId, p);
    }

    function test_registerBlob_rejects_other_encodings() public {
        uint256 storageId = _storage(uint64(blobRegistry.encodedSize(SIZE)), 2);
        BlobRegistry.BlobParams memory p = _blobParams(SIZE, ROOT, false);
        p.encodingType = 0;
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryUnsupportedEncoding.selector, uint8(0)));
        _register(storageId, p);
    }

    function test_registerBlob_rejects_too_large_blobs() public {
        uint256 storageId = _storage(1 << 30, 2);
        uint64 tooLarge = 4 * 7 * 65_534 + 1; // n_p * n_s * 65534 + 1 at 10 shards
        BlobRegistry.BlobParams memory p = _blobParams(tooLarge, ROOT, false);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryBlobTooLarge.selector, tooLarge));
        _register(storageId, p);
    }

    function test_registerBlob_rejects_too_small_storage() public {
        uint256 encoded = blobRegistry.encodedSize(SIZE);
        uint256 storageId = _storage(uint64(encoded - 1), 2);
        BlobRegistry.BlobParams memory p = _blobParams(SIZE, ROOT, false);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryStorageTooSmall.selector, encoded, encoded - 1));
        _register(storageId, p);
    }

    function test_registerBlob_rejects_storage_that_starts_later() public {
        vm.prank(alice);
        uint256 storageId = storageResource.reserveForEpochs(1 << 30, 2, 4, NO_LIMIT);
        BlobRegistry.BlobParams memory p = _blobParams(SIZE, ROOT, false);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryStorageNotCurrent.selector, 2, 4));
        _register(storageId, p);
    }

    function test_registerBlob_rejects_someone_elses_storage() public {
        uint256 storageId = _storage(1 << 30, 2);
        BlobRegistry.BlobParams memory p = _blobParams(SIZE, ROOT, false);
        _fundAndApprove(bob, 1_000_000 * WAL_UNIT);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceNotAuthorized.selector, storageId));
        blobRegistry.registerBlob(storageId, p.blobId, p.rootHash, p.size, 1, false, NO_LIMIT);
    }

    function test_registerBlobs_batch() public {
        uint256[] memory storageIds = new uint256[](3);
        BlobRegistry.BlobParams[] memory ps = new BlobRegistry.BlobParams[](3);
        for (uint256 i; i < 3; ++i) {
            storageIds[i] = _storage(1 << 30, 2);
            ps[i] = _blobParams(uint64(100 * (i + 1)), keccak256(abi.encode(i)), i == 1);
        }
        vm.prank(alice);
        uint256[] memory objectIds = blobRegistry.registerBlobs(storageIds, ps, NO_LIMIT);
        assertEq(objectIds.length, 3);
        assertTrue(blobRegistry.blob(objectIds[1]).deletable);
        vm.prank(alice);
        vm.expectRevert(BlobRegistry.BlobRegistryLengthMismatch.selector);
        blobRegistry.registerBlobs(new uint256[](1), ps, NO_LIMIT);
        vm.prank(alice);
        vm.expectRevert(BlobRegistry.BlobRegistryEmptyBatch.selector);
        blobRegistry.registerBlobs(new uint256[](0), new BlobRegistry.BlobParams[](0), NO_LIMIT);
    }

    function test_reserveAndRegisterBlobs_pays_storage_and_writes_once() public {
        BlobRegistry.BlobParams[] memory ps = new BlobRegistry.BlobParams[](5);
        uint256 units;
        for (uint256 i; i < 5; ++i) {
            ps[i] = _blobParams(uint64(1000 * i), keccak256(abi.encode("b", i)), false);
            units += (blobRegistry.encodedSize(ps[i].size) + (1 << 20) - 1) >> 20;
        }
        uint256 before = wal.balanceOf(alice);
        vm.prank(alice);
        uint256[] memory objectIds = blobRegistry.reserveAndRegisterBlobs(ps, 4, NO_LIMIT);
        assertEq(objectIds[4], 5);
        assertEq(before - wal.balanceOf(alice), units * (4 * STORAGE_PRICE + WRITE_PRICE));
        assertEq(blobRegistry.blob(3).endEpoch, 5);
        vm.prank(alice);
        vm.expectRevert(BlobRegistry.BlobRegistryZeroEpochs.selector);
        blobRegistry.reserveAndRegisterBlobs(ps, 0, NO_LIMIT);
        vm.prank(alice);
        vm.expectRevert(BlobRegistry.BlobRegistryEmptyBatch.selector);
        blobRegistry.reserveAndRegisterBlobs(new BlobRegistry.BlobParams[](0), 1, NO_LIMIT);
    }

    // ---------------------------------------------------------------- certification

    function test_certify_accepted_at_exactly_quorum() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        (bytes32 blobId, uint8 persistence, uint256 confirmed, bytes memory bitmap, bytes memory sigs) =
            _confirm(id, _indices(0, 2, 3)); // 3 + 2 + 2 = 7 shards: 3 * 7 = 2 * 10 + 1
        vm.expectEmit(address(blobRegistry));
        emit BlobCertified(1, blobId, 4, false, id, false);
        blobRegistry.certifyBlob(id, 1, blobId, persistence, confirmed, bitmap, sigs);
        assertEq(blobRegistry.blob(id).certifiedEpoch, 1);
        (bool certified, uint32 end) = blobRegistry.isBlobCertified(blobId);
        assertTrue(certified);
        assertEq(end, 4);
    }

    function test_certify_rejected_below_quorum() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        uint256[] memory signers = new uint256[](2);
        (signers[0], signers[1]) = (0, 1); // 6 shards
        (bytes32 blobId, uint8 persistence, uint256 confirmed, bytes memory bitmap, bytes memory sigs) =
            _confirm(id, signers);
        vm.expectRevert(abi.encodeWithSelector(System.SystemQuorumNotReached.selector, uint256(6), uint256(10)));
        blobRegistry.certifyBlob(id, 1, blobId, persistence, confirmed, bitmap, sigs);
    }

    function test_certify_rejects_duplicate_signers() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        (bytes32 blobId, uint8 persistence, uint256 confirmed,, bytes memory sigs) = _confirm(id, _indices(0, 1, 2));
        // Member 0's signature presented for members 0, 1 and 2.
        bytes memory first = new bytes(65);
        for (uint256 i; i < 65; ++i) {
            first[i] = sigs[i];
        }
        bytes memory dup = bytes.concat(first, first, first);
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidSignature.selector, uint256(1)));
        blobRegistry.certifyBlob(id, 1, blobId, persistence, confirmed, hex"07", dup);
    }

    function test_certify_rejects_non_members() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        (bytes32 blobId, uint8 persistence, uint256 confirmed, bytes memory bitmap,) = _confirm(id, _indices(0, 1, 2));
        bytes32 digest = blobRegistry.confirmationDigest(1, blobId, persistence, confirmed);
        bytes memory sigs =
            bytes.concat(_sign(signingKeyOf[1], digest), _sign(0xBAD, digest), _sign(signingKeyOf[3], digest));
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidSignature.selector, uint256(1)));
        blobRegistry.certifyBlob(id, 1, blobId, persistence, confirmed, bitmap, sigs);
    }

    function test_certify_rejects_the_wrong_epoch() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        BlobRegistry.Blob memory b = blobRegistry.blob(id);
        // Claimed epoch not current:
        (bytes memory bitmap, bytes memory sigs) =
            _certificate(1, blobRegistry.confirmationDigest(2, b.blobId, 0, 0), _range(0, 4));
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryWrongEpoch.selector, uint32(2), uint32(1)));
        blobRegistry.certifyBlob(id, 2, b.blobId, 0, 0, bitmap, sigs);
        // Signed for another epoch, presented as the current one:
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidSignature.selector, uint256(0)));
        blobRegistry.certifyBlob(id, 1, b.blobId, 0, 0, bitmap, sigs);
    }

    function test_certify_rejects_the_wrong_persistence_or_object_id() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, true, 3); // deletable: persistence 1, object id = id
        (bytes32 blobId,,, bytes memory bitmap, bytes memory sigs) = _confirm(id, _range(0, 4));
        vm.expectRevert(
            abi.encodeWithSelector(BlobRegistry.BlobRegistryPersistenceMismatch.selector, uint8(0), uint8(1))
        );
        blobRegistry.certifyBlob(id, 1, blobId, 0, id, bitmap, sigs);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryObjectIdMismatch.selector, uint256(0), id));
        blobRegistry.certifyBlob(id, 1, blobId, 1, 0, bitmap, sigs);
        // Signatures over a permanent confirmation do not certify the deletable blob.
        (bitmap, sigs) = _certificate(1, blobRegistry.confirmationDigest(1, blobId, 0, 0), _range(0, 4));
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidSignature.selector, uint256(0)));
        blobRegistry.certifyBlob(id, 1, blobId, 1, id, bitmap, sigs);
        // The right confirmation works.
        (blobId,,, bitmap, sigs) = _confirm(id, _range(0, 4));
        blobRegistry.certifyBlob(id, 1, blobId, 1, id, bitmap, sigs);
        (bool certified,) = blobRegistry.isCertified(id);
        assertTrue(certified);
        (certified,) = blobRegistry.isBlobCertified(blobId); // deletable blobs are per token only
        assertFalse(certified);
    }

    function test_certify_rejects_the_wrong_blob_id_and_repeats() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        (bytes32 blobId, uint8 persistence, uint256 confirmed, bytes memory bitmap, bytes memory sigs) =
            _confirm(id, _range(0, 4));
        vm.expectRevert(
            abi.encodeWithSelector(BlobRegistry.BlobRegistryCertificateBlobIdMismatch.selector, bytes32(0), blobId)
        );
        blobRegistry.certifyBlob(id, 1, bytes32(0), persistence, confirmed, bitmap, sigs);
        blobRegistry.certifyBlob(id, 1, blobId, persistence, confirmed, bitmap, sigs);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryAlreadyCertified.selector, id));
        blobRegistry.certifyBlob(id, 1, blobId, persistence, confirmed, bitmap, sigs);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryUnknownBlob.selector, uint256(99)));
        blobRegistry.certifyBlob(99, 1, blobId, persistence, confirmed, bitmap, sigs);
    }

    function test_certify_rejects_expired_blobs() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 1); // ends at epoch 2
        _nextEpoch();
        BlobRegistry.Blob memory b = blobRegistry.blob(id);
        (bytes memory bitmap, bytes memory sigs) =
            _certificate(2, blobRegistry.confirmationDigest(2, b.blobId, 0, 0), _range(0, 4));
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryBlobExpired.selector, id, uint32(2)));
        blobRegistry.certifyBlob(id, 2, b.blobId, 0, 0, bitmap, sigs);
    }

    // ---------------------------------------------------------------- invalid blobs

    function test_invalidateBlobId_with_one_honest_member_blocks_the_id() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        bytes32 blobId = blobRegistry.blob(id).blobId;
        bytes32 digest = blobRegistry.invalidBlobDigest(1, blobId);
        (bytes memory bitmap, bytes memory sigs) = _certificate(1, digest, _range(2, 4)); // 4 shards >= f+1
        vm.expectEmit(address(blobRegistry));
        emit InvalidBlobID(1, blobId);
        blobRegistry.invalidateBlobId(1, blobId, bitmap, sigs);
        assertTrue(blobRegistry.isInvalid(blobId));
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryAlreadyInvalid.selector, blobId));
        blobRegistry.invalidateBlobId(1, blobId, bitmap, sigs);
        (bytes32 b,,, bytes memory bm, bytes memory ss) = _confirm(id, _range(0, 4));
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryBlobIdInvalid.selector, b));
        blobRegistry.certifyBlob(id, 1, b, 0, 0, bm, ss);
        BlobRegistry.BlobParams[] memory ps = new BlobRegistry.BlobParams[](1);
        ps[0] = _blobParams(SIZE, ROOT, false);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryBlobIdInvalid.selector, blobId));
        blobRegistry.reserveAndRegisterBlobs(ps, 1, NO_LIMIT);
    }

    function test_invalidateBlobId_rejects_too_little_weight_and_wrong_epoch() public {
        bytes32 blobId = keccak256("bad");
        (bytes memory bitmap, bytes memory sigs) =
            _certificate(1, blobRegistry.invalidBlobDigest(1, blobId), _range(3, 4)); // 2 shards
        vm.expectRevert(abi.encodeWithSelector(System.SystemQuorumNotReached.selector, uint256(2), uint256(10)));
        blobRegistry.invalidateBlobId(1, blobId, bitmap, sigs);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryWrongEpoch.selector, uint32(0), uint32(1)));
        blobRegistry.invalidateBlobId(0, blobId, bitmap, sigs);
    }

    // ---------------------------------------------------------------- lifetime

    function test_extendBlob_pays_and_moves_the_end() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 2);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryNotCertified.selector, id));
        blobRegistry.extendBlob(id, 2, NO_LIMIT);
        _certifyBlob(id);
        BlobRegistry.Blob memory b = blobRegistry.blob(id);
        uint256 before = wal.balanceOf(alice);
        vm.expectEmit(address(blobRegistry));
        emit BlobCertified(1, b.blobId, 5, false, id, true);
        vm.prank(alice);
        blobRegistry.extendBlob(id, 2, NO_LIMIT);
        assertEq(before - wal.balanceOf(alice), system.storageCost(b.storageSize, 2));
        assertEq(blobRegistry.blob(id).endEpoch, 5);
        (, uint32 end) = blobRegistry.isBlobCertified(b.blobId);
        assertEq(end, 5);
    }

    function test_extendBlob_reverts_for_zero_epochs_strangers_and_too_far() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 2);
        _certifyBlob(id);
        vm.prank(alice);
        vm.expectRevert(BlobRegistry.BlobRegistryZeroEpochs.selector);
        blobRegistry.extendBlob(id, 0, NO_LIMIT);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryNotAuthorized.selector, id));
        blobRegistry.extendBlob(id, 1, NO_LIMIT);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(System.SystemInvalidEpochRange.selector, uint32(3), uint32(56)));
        blobRegistry.extendBlob(id, 53, NO_LIMIT);
    }

    function test_extendBlobWithStorage_consumes_an_adjacent_reservation() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 2);
        _certifyBlob(id);
        uint64 storageSize = blobRegistry.blob(id).storageSize;
        vm.startPrank(alice);
        uint256 wrong = storageResource.reserveForEpochs(storageSize, 4, 6, NO_LIMIT);
        vm.expectRevert(BlobRegistry.BlobRegistryStorageMismatch.selector);
        blobRegistry.extendBlobWithStorage(id, wrong);
        uint256 right = storageResource.reserveForEpochs(storageSize, 3, 6, NO_LIMIT);
        blobRegistry.extendBlobWithStorage(id, right);
        vm.stopPrank();
        assertEq(blobRegistry.blob(id).endEpoch, 6);
    }

    function test_deleteBlob_returns_the_storage() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, true, 3);
        _certifyBlob(id);
        BlobRegistry.Blob memory b = blobRegistry.blob(id);
        vm.expectEmit(address(blobRegistry));
        emit BlobDeleted(1, b.blobId, 4, id, true);
        vm.prank(alice);
        uint256 storageId = blobRegistry.deleteBlob(id);
        (uint32 start, uint32 end, uint64 size) = storageResource.resource(storageId);
        assertEq(start, 1);
        assertEq(end, 4);
        assertEq(size, b.storageSize);
        assertEq(storageResource.ownerOf(storageId), alice);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryUnknownBlob.selector, id));
        blobRegistry.blob(id);
        // The storage can carry a new blob.
        BlobRegistry.BlobParams memory p = _blobParams(SIZE, keccak256("other"), false);
        vm.prank(alice);
        blobRegistry.registerBlob(storageId, p.blobId, p.rootHash, p.size, 1, false, NO_LIMIT);
    }

    function test_deleteBlob_reverts_for_permanent_expired_or_foreign_blobs() public {
        uint256 permanent = _newBlob(alice, SIZE, ROOT, false, 3);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryNotDeletable.selector, permanent));
        blobRegistry.deleteBlob(permanent);
        uint256 deletable = _newBlob(alice, SIZE, ROOT, true, 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryNotAuthorized.selector, deletable));
        blobRegistry.deleteBlob(deletable);
        _nextEpoch();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryBlobExpired.selector, deletable, uint32(2)));
        blobRegistry.deleteBlob(deletable);
    }

    function test_burnBlob_keeps_a_certified_permanent_blob_available() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        _certifyBlob(id);
        bytes32 blobId = blobRegistry.blob(id).blobId;
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryNotAuthorized.selector, id));
        blobRegistry.burnBlob(id);
        vm.prank(alice);
        blobRegistry.burnBlob(id);
        assertEq(blobRegistry.balanceOf(alice), 0);
        (bool certified, uint32 end) = blobRegistry.isBlobCertified(blobId);
        assertTrue(certified);
        assertEq(end, 4);
        (certified,) = blobRegistry.isCertified(id);
        assertFalse(certified);
    }

    // ---------------------------------------------------------------- attributes

    function test_attributes_set_get_list_remove() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        vm.startPrank(alice);
        blobRegistry.setAttribute(id, "_walrusBlobType", "quilt");
        blobRegistry.setAttribute(id, "content-type", "text/plain");
        blobRegistry.setAttribute(id, "content-type", "text/html");
        vm.stopPrank();
        (bool exists, string memory value) = blobRegistry.attribute(id, "content-type");
        assertTrue(exists);
        assertEq(value, "text/html");
        (string[] memory keys, string[] memory values) = blobRegistry.attributes(id);
        assertEq(keys.length, 2);
        assertEq(values[0], "quilt");
        vm.prank(alice);
        blobRegistry.removeAttribute(id, "_walrusBlobType");
        (keys, values) = blobRegistry.attributes(id);
        assertEq(keys.length, 1);
        assertEq(keys[0], "content-type");
        (exists,) = blobRegistry.attribute(id, "_walrusBlobType");
        assertFalse(exists);
        vm.prank(alice);
        blobRegistry.burnBlob(id);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryUnknownBlob.selector, id));
        blobRegistry.attributes(id);
    }

    function test_attributes_revert_on_bad_input_or_strangers() public {
        uint256 id = _newBlob(alice, SIZE, ROOT, false, 3);
        vm.startPrank(alice);
        vm.expectRevert(BlobRegistry.BlobRegistryInvalidAttributeKey.selector);
        blobRegistry.setAttribute(id, "", "v");
        vm.expectRevert(BlobRegistry.BlobRegistryAttributeValueTooLong.selector);
        blobRegistry.setAttribute(id, "k", string(new bytes(16_385)));
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryUnknownAttribute.selector, "k"));
        blobRegistry.removeAttribute(id, "k");
        vm.stopPrank();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryNotAuthorized.selector, id));
        blobRegistry.setAttribute(id, "k", "v");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(BlobRegistry.BlobRegistryNotAuthorized.selector, id));
        blobRegistry.removeAttribute(id, "k");
    }

    // ---------------------------------------------------------------- views and admin

    function test_views() public {
        assertEq(blobRegistry.encodedSize(1), 10 * ((4 + 7) * 2 + 10 * 64 + 32));
        assertEq(blobRegistry.encodedSize(type(uint64).max), 0);
        (bool certified, uint32 end) = blobRegistry.isCertified(42);
        assertFalse(certified);
        assertEq(end, 0);
        assertTrue(blobRegistry.domainSeparator() != bytes32(0));
        assertEq(address(blobRegistry.directory()), address(directory));
    }

    function test_upgrade_reverts_unless_governance() public {
        address impl = address(new BlobRegistry());
        vm.expectRevert(BlobRegistry.BlobRegistryNotGovernance.selector);
        UUPSUpgradeable(address(blobRegistry)).upgradeToAndCall(impl, "");
    }
}
