// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {IDirectory} from "./interfaces/IDirectory.sol";
import {ISystem} from "./interfaces/ISystem.sol";
import {IStorageResource} from "./interfaces/IStorageResource.sol";
import {Blake2b} from "./libraries/Blake2b.sol";
import {RedStuff} from "./libraries/RedStuff.sol";

/// @title BlobRegistry
/// @notice Blobs as ERC-721 tokens ("Walrus Blob", WBLOB) with Walrus's fields (docs/protocol.md §11):
///         register (blob id checked against its derivation, write fee charged, encoded size checked
///         against the storage), certify (committee certificate, 3w >= 2n+1), invalidate (3w >= n+1),
///         extend, delete (deletable blobs; returns the storage), burn, and string attributes.
///
/// Signed messages use EIP-712 with domain {name "Walrus", version "1", chainId, verifyingContract = this
/// registry}:
/// - `Confirmation(uint32 epoch,bytes32 blobId,uint8 persistence,uint256 objectId)`: persistence 0 =
///   permanent (objectId 0), 1 = deletable (objectId = the blob token id);
/// - `InvalidBlob(uint32 epoch,bytes32 blobId)`.
contract BlobRegistry is Initializable, UUPSUpgradeable, ERC721Upgradeable {
    /// @notice EIP-712 type of a storage confirmation.
    bytes32 public constant CONFIRMATION_TYPEHASH =
        keccak256("Confirmation(uint32 epoch,bytes32 blobId,uint8 persistence,uint256 objectId)");
    /// @notice EIP-712 type of an invalid-blob attestation.
    bytes32 public constant INVALID_BLOB_TYPEHASH = keccak256("InvalidBlob(uint32 epoch,bytes32 blobId)");
    /// @notice Persistence of a permanent blob.
    uint8 public constant PERSISTENCE_PERMANENT = 0;
    /// @notice Persistence of a deletable blob.
    uint8 public constant PERSISTENCE_DELETABLE = 1;
    /// @notice Prices are per MiB of encoded size.
    uint256 public constant BYTES_PER_UNIT = 1_048_576;
    /// @notice Longest attribute key in bytes.
    uint256 public constant MAX_ATTRIBUTE_KEY_LENGTH = 1024;
    /// @notice Longest attribute value in bytes.
    uint256 public constant MAX_ATTRIBUTE_VALUE_LENGTH = 16_384;

    /// @notice What a new blob is made of.
    struct BlobParams {
        bytes32 blobId;
        bytes32 rootHash;
        uint64 size;
        uint8 encodingType;
        bool deletable;
    }

    /// @notice A blob token's fields. `certifiedEpoch` is 0 while uncertified (epoch 0 never has a committee).
    struct Blob {
        bytes32 blobId;
        uint32 registeredEpoch;
        uint32 certifiedEpoch;
        uint32 startEpoch;
        uint32 endEpoch;
        uint64 size;
        uint8 encodingType;
        bool deletable;
        uint64 storageSize;
    }

    IDirectory private _directory;
    uint256 private _nextTokenId;
    mapping(uint256 tokenId => Blob) private _blobs;
    mapping(bytes32 blobId => bool) private _invalid;
    mapping(bytes32 blobId => uint32) private _permanentCertifiedEnd;
    mapping(uint256 tokenId => string[]) private _attributeKeys;
    mapping(uint256 tokenId => mapping(bytes32 keyHash => uint256)) private _attributeIndex; // index + 1
    mapping(uint256 tokenId => mapping(bytes32 keyHash => string)) private _attributeValues;

    /// @notice A blob was registered; `objectId` is its token id.
    event BlobRegistered(
        uint32 epoch,
        bytes32 indexed blobId,
        uint64 size,
        uint8 encodingType,
        uint32 endEpoch,
        bool deletable,
        uint256 indexed objectId
    );
    /// @notice A blob was certified (`epoch` = its certified epoch), or a certified blob was extended.
    event BlobCertified(
        uint32 epoch,
        bytes32 indexed blobId,
        uint32 endEpoch,
        bool deletable,
        uint256 indexed objectId,
        bool isExtension
    );
    /// @notice A deletable blob was deleted.
    event BlobDeleted(
        uint32 epoch, bytes32 indexed blobId, uint32 endEpoch, uint256 indexed objectId, bool wasCertified
    );
    /// @notice A committee attested that `blobId` is inconsistently encoded.
    event InvalidBlobID(uint32 epoch, bytes32 indexed blobId);
    /// @notice A blob token was burned by its owner (a permanent blob stays stored until its end epoch).
    event BlobBurned(uint256 indexed objectId, bytes32 indexed blobId);
    /// @notice An attribute was set.
    event BlobAttributeSet(uint256 indexed objectId, string key, string value);
    /// @notice An attribute was removed.
    event BlobAttributeRemoved(uint256 indexed objectId, string key);

    /// @notice An address argument was zero.
    error BlobRegistryZeroAddress();
    /// @notice Only Governance may upgrade.
    error BlobRegistryNotGovernance();
    /// @notice Only RS2 (encoding type 1) is supported.
    error BlobRegistryUnsupportedEncoding(uint8 encodingType);
    /// @notice The blob is larger than n_p * n_s * 65534 bytes.
    error BlobRegistryBlobTooLarge(uint64 size);
    /// @notice The blob id is not Blake2b-256(encoding type || u64 LE size || root hash).
    error BlobRegistryBlobIdMismatch(bytes32 given, bytes32 derived);
    /// @notice The blob id was marked invalid.
    error BlobRegistryBlobIdInvalid(bytes32 blobId);
    /// @notice The storage period does not contain the current epoch.
    error BlobRegistryStorageNotCurrent(uint32 startEpoch, uint32 endEpoch);
    /// @notice The storage is smaller than the blob's encoded size.
    error BlobRegistryStorageTooSmall(uint256 needed, uint256 available);
    /// @notice No blob token has this id.
    error BlobRegistryUnknownBlob(uint256 objectId);
    /// @notice The caller is neither the blob's owner nor approved for it.
    error BlobRegistryNotAuthorized(uint256 objectId);
    /// @notice The blob is already certified.
    error BlobRegistryAlreadyCertified(uint256 objectId);
    /// @notice The blob is not certified.
    error BlobRegistryNotCertified(uint256 objectId);
    /// @notice The certificate's epoch is not the current epoch.
    error BlobRegistryWrongEpoch(uint32 given, uint32 current);
    /// @notice The certificate's blob id is not the blob's.
    error BlobRegistryCertificateBlobIdMismatch(bytes32 given, bytes32 expected);
    /// @notice The certificate's persistence does not match the blob (0 permanent, 1 deletable).
    error BlobRegistryPersistenceMismatch(uint8 given, uint8 expected);
    /// @notice The certificate's object id does not match (0 for permanent, the token id for deletable).
    error BlobRegistryObjectIdMismatch(uint256 given, uint256 expected);
    /// @notice The blob's storage has ended.
    error BlobRegistryBlobExpired(uint256 objectId, uint32 endEpoch);
    /// @notice The blob is not deletable.
    error BlobRegistryNotDeletable(uint256 objectId);
    /// @notice Zero epochs.
    error BlobRegistryZeroEpochs();
    /// @notice The storage does not start at the blob's end epoch with the blob's storage size.
    error BlobRegistryStorageMismatch();
    /// @notice The blob id is already marked invalid.
    error BlobRegistryAlreadyInvalid(bytes32 blobId);
    /// @notice The attribute key is empty or longer than 1024 bytes.
    error BlobRegistryInvalidAttributeKey();
    /// @notice The attribute value is longer than 16384 bytes.
    error BlobRegistryAttributeValueTooLong();
    /// @notice The blob has no attribute with this key.
    error BlobRegistryUnknownAttribute(string key);
    /// @notice The batch is empty.
    error BlobRegistryEmptyBatch();
    /// @notice Array arguments differ in length.
    error BlobRegistryLengthMismatch();

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    function initialize(IDirectory directory_) external initializer {
        if (address(directory_) == address(0)) revert BlobRegistryZeroAddress();
        __ERC721_init("Walrus Blob", "WBLOB");
        _directory = directory_;
        _nextTokenId = 1;
    }

    // =============================================================== registration

    /// @notice Registers a blob on an owned storage token (consumed into the blob) and charges the write
    ///         fee (write price x MiB units of the encoded size) from the caller, who gets the blob token.
    /// @param storageTokenId A StorageResource token the caller owns or is approved for; its period must
    ///        contain the current epoch and its size must cover the blob's encoded size.
    /// @param blobId Blake2b-256(u8 encodingType || u64 little-endian size || rootHash).
    /// @param rootHash The Merkle root over the sliver-pair hashes (raw 32 bytes).
    /// @param size Unencoded length in bytes.
    /// @param encodingType 1 (RS2).
    /// @param deletable Whether the owner may delete the blob before its end epoch.
    /// @param maxCost Most FROST the caller pays (else SystemCostTooHigh).
    /// @return objectId The blob token id.
    function registerBlob(
        uint256 storageTokenId,
        bytes32 blobId,
        bytes32 rootHash,
        uint64 size,
        uint8 encodingType,
        bool deletable,
        uint256 maxCost
    ) external returns (uint256 objectId) {
        BlobParams memory p = BlobParams(blobId, rootHash, size, encodingType, deletable);
        uint256 units;
        (objectId, units) = _registerOne(storageTokenId, p);
        ISystem(_directory.system()).collectPayment(msg.sender, 0, 0, 0, 0, units, maxCost);
    }

    /// @notice Registers many blobs, each on its own storage token, in one transaction; one write-fee payment
    ///         of at most `maxCost` FROST.
    /// @return objectIds The blob token ids, in input order.
    function registerBlobs(uint256[] calldata storageTokenIds, BlobParams[] calldata blobs, uint256 maxCost)
        external
        returns (uint256[] memory objectIds)
    {
        if (blobs.length == 0) revert BlobRegistryEmptyBatch();
        if (storageTokenIds.length != blobs.length) revert BlobRegistryLengthMismatch();
        (uint32 epoch, uint256 n, ISystem system) = _context();
        objectIds = new uint256[](blobs.length);
        uint256 writeUnits;
        for (uint256 i; i < blobs.length; ++i) {
            uint256 encoded = _checkBlob(n, blobs[i]);
            writeUnits += _units(encoded);
            objectIds[i] = _registerOnStorage(epoch, storageTokenIds[i], encoded, blobs[i]);
        }
        system.collectPayment(msg.sender, 0, 0, 0, 0, writeUnits, maxCost);
    }

    /// @notice Reserves storage for each blob's encoded size from the current epoch for `epochsAhead`
    ///         epochs and registers the blobs, in one transaction with one payment (storage + write fees) of
    ///         at most `maxCost` FROST.
    /// @return objectIds The blob token ids, in input order.
    function reserveAndRegisterBlobs(BlobParams[] calldata blobs, uint32 epochsAhead, uint256 maxCost)
        external
        returns (uint256[] memory objectIds)
    {
        if (blobs.length == 0) revert BlobRegistryEmptyBatch();
        if (epochsAhead == 0) revert BlobRegistryZeroEpochs();
        (uint32 epoch, uint256 n, ISystem system) = _context();
        objectIds = new uint256[](blobs.length);
        uint256 totalBytes;
        uint256 units;
        for (uint256 i; i < blobs.length; ++i) {
            uint256 encoded;
            (encoded, objectIds[i]) = _reserveAndMint(n, epoch, epochsAhead, blobs[i]);
            totalBytes += encoded;
            units += _units(encoded);
        }
        system.collectPayment(msg.sender, totalBytes, units, epoch, epoch + epochsAhead, units, maxCost);
    }

    // =============================================================== certification

    /// @notice Certifies a blob with a committee certificate over EIP-712
    ///         `Confirmation(epoch, blobId, persistence, objectId)` (permissionless). The signers (bit i % 8
    ///         of byte i / 8 for member i, members ascending by node id) must hold 3w >= 2n+1 shards.
    /// @param objectId The blob token.
    /// @param epoch The current epoch.
    /// @param blobId The blob's id.
    /// @param persistence 0 permanent, 1 deletable (must match the blob).
    /// @param confirmedObjectId 0 for permanent blobs, the blob token id for deletable ones.
    /// @param signersBitmap ceil(members / 8) bytes.
    /// @param signatures One 65-byte (r, s, v) signature per set bit, in member order.
    function certifyBlob(
        uint256 objectId,
        uint32 epoch,
        bytes32 blobId,
        uint8 persistence,
        uint256 confirmedObjectId,
        bytes calldata signersBitmap,
        bytes calldata signatures
    ) external {
        Blob storage b = _existing(objectId);
        _checkConfirmation(b, objectId, blobId, persistence, confirmedObjectId);
        ISystem system = ISystem(_directory.system());
        (uint32 current,) = system.epochInfo();
        if (epoch != current) revert BlobRegistryWrongEpoch(epoch, current);
        if (current >= b.endEpoch) revert BlobRegistryBlobExpired(objectId, b.endEpoch);
        bytes32 digest = confirmationDigest(epoch, blobId, persistence, confirmedObjectId);
        system.verifyCertificate(epoch, digest, signersBitmap, signatures, true);
        b.certifiedEpoch = current;
        if (!b.deletable && _permanentCertifiedEnd[blobId] < b.endEpoch) _permanentCertifiedEnd[blobId] = b.endEpoch;
        emit BlobCertified(current, blobId, b.endEpoch, b.deletable, objectId, false);
    }

    /// @notice Marks `blobId` invalid with a certificate over EIP-712 `InvalidBlob(epoch, blobId)` from
    ///         members holding 3w >= n+1 shards (at least one honest node) (permissionless).
    function invalidateBlobId(uint32 epoch, bytes32 blobId, bytes calldata signersBitmap, bytes calldata signatures)
        external
    {
        if (_invalid[blobId]) revert BlobRegistryAlreadyInvalid(blobId);
        ISystem system = ISystem(_directory.system());
        (uint32 current,) = system.epochInfo();
        if (epoch != current) revert BlobRegistryWrongEpoch(epoch, current);
        system.verifyCertificate(epoch, invalidBlobDigest(epoch, blobId), signersBitmap, signatures, false);
        _invalid[blobId] = true;
        emit InvalidBlobID(epoch, blobId);
    }

    // =============================================================== lifetime

    /// @notice Extends a certified, unexpired blob by `extraEpochs` (owner or approved), paying storage for
    ///         [endEpoch, endEpoch + extraEpochs) at the current price, at most `maxCost` FROST. A blob whose
    ///         id was marked invalid cannot be extended.
    function extendBlob(uint256 objectId, uint32 extraEpochs, uint256 maxCost) external {
        Blob storage b = _authorizedBlob(objectId);
        if (extraEpochs == 0) revert BlobRegistryZeroEpochs();
        ISystem system = _checkExtendable(b, objectId);
        uint32 oldEnd = b.endEpoch;
        uint32 newEnd = oldEnd + extraEpochs;
        b.endEpoch = newEnd;
        _onExtended(b, objectId);
        system.collectPayment(msg.sender, b.storageSize, _units(b.storageSize), oldEnd, newEnd, 0, maxCost);
    }

    /// @notice Extends a certified, unexpired blob with a storage token (owner or approved for both) that
    ///         starts at the blob's end epoch and has the blob's storage size; the token is consumed.
    function extendBlobWithStorage(uint256 objectId, uint256 storageTokenId) external {
        Blob storage b = _authorizedBlob(objectId);
        _checkExtendable(b, objectId);
        (uint32 start, uint32 end, uint64 size) =
            IStorageResource(_directory.storageResource()).consume(storageTokenId, msg.sender);
        if (start != b.endEpoch || size != b.storageSize) revert BlobRegistryStorageMismatch();
        b.endEpoch = end;
        _onExtended(b, objectId);
    }

    /// @notice Deletes a deletable, unexpired blob (owner or approved): burns the blob token and mints a
    ///         storage token with the blob's reservation to the blob's owner.
    /// @return storageTokenId The returned storage.
    function deleteBlob(uint256 objectId) external returns (uint256 storageTokenId) {
        Blob memory b = _authorizedBlob(objectId);
        if (!b.deletable) revert BlobRegistryNotDeletable(objectId);
        (uint32 current,) = ISystem(_directory.system()).epochInfo();
        if (current >= b.endEpoch) revert BlobRegistryBlobExpired(objectId, b.endEpoch);
        address owner = _ownerOf(objectId);
        delete _blobs[objectId];
        _burn(objectId);
        emit BlobDeleted(current, b.blobId, b.endEpoch, objectId, b.certifiedEpoch != 0);
        storageTokenId =
            IStorageResource(_directory.storageResource()).mintTo(owner, b.startEpoch, b.endEpoch, b.storageSize);
    }

    /// @notice Burns a blob token (owner or approved). A certified permanent blob stays available until its
    ///         end epoch; the storage is not returned.
    function burnBlob(uint256 objectId) external {
        Blob storage b = _authorizedBlob(objectId);
        bytes32 blobId = b.blobId;
        delete _blobs[objectId];
        _burn(objectId);
        emit BlobBurned(objectId, blobId);
    }

    // =============================================================== attributes

    /// @notice Sets attribute `key` (1..1024 bytes) to `value` (<= 16384 bytes) (owner or approved).
    function setAttribute(uint256 objectId, string calldata key, string calldata value) external {
        _authorizedBlob(objectId);
        uint256 keyLength = bytes(key).length;
        if (keyLength == 0 || keyLength > MAX_ATTRIBUTE_KEY_LENGTH) revert BlobRegistryInvalidAttributeKey();
        if (bytes(value).length > MAX_ATTRIBUTE_VALUE_LENGTH) revert BlobRegistryAttributeValueTooLong();
        bytes32 h = keccak256(bytes(key));
        if (_attributeIndex[objectId][h] == 0) {
            _attributeKeys[objectId].push(key);
            _attributeIndex[objectId][h] = _attributeKeys[objectId].length;
        }
        _attributeValues[objectId][h] = value;
        emit BlobAttributeSet(objectId, key, value);
    }

    /// @notice Removes attribute `key` (owner or approved).
    function removeAttribute(uint256 objectId, string calldata key) external {
        _authorizedBlob(objectId);
        bytes32 h = keccak256(bytes(key));
        uint256 index = _attributeIndex[objectId][h];
        if (index == 0) revert BlobRegistryUnknownAttribute(key);
        string[] storage keys = _attributeKeys[objectId];
        uint256 last = keys.length;
        if (index != last) {
            string memory moved = keys[last - 1];
            keys[index - 1] = moved;
            _attributeIndex[objectId][keccak256(bytes(moved))] = index;
        }
        keys.pop();
        delete _attributeIndex[objectId][h];
        delete _attributeValues[objectId][h];
        emit BlobAttributeRemoved(objectId, key);
    }

    /// @notice The value of attribute `key`, and whether it is set.
    function attribute(uint256 objectId, string calldata key) external view returns (bool exists, string memory value) {
        _existing(objectId);
        bytes32 h = keccak256(bytes(key));
        exists = _attributeIndex[objectId][h] != 0;
        value = _attributeValues[objectId][h];
    }

    /// @notice All attributes of a blob.
    function attributes(uint256 objectId) external view returns (string[] memory keys, string[] memory values) {
        _existing(objectId);
        keys = _attributeKeys[objectId];
        values = new string[](keys.length);
        for (uint256 i; i < keys.length; ++i) {
            values[i] = _attributeValues[objectId][keccak256(bytes(keys[i]))];
        }
    }

    // =============================================================== views

    /// @notice A blob token's fields.
    function blob(uint256 objectId) external view returns (Blob memory) {
        return _existing(objectId);
    }

    /// @notice Whether a blob token is certified and not expired, and its end epoch (exclusive).
    function isCertified(uint256 objectId) external view returns (bool certified, uint32 endEpoch) {
        Blob storage b = _blobs[objectId];
        if (b.endEpoch == 0 || b.certifiedEpoch == 0 || _invalid[b.blobId]) return (false, b.endEpoch);
        (uint32 current,) = ISystem(_directory.system()).epochInfo();
        return (current < b.endEpoch, b.endEpoch);
    }

    /// @notice Whether `blobId` is available through a certified permanent blob, and until which epoch
    ///         (exclusive). Deletable blobs are only visible per token (`isCertified`).
    function isBlobCertified(bytes32 blobId) external view returns (bool certified, uint32 endEpoch) {
        if (_invalid[blobId]) return (false, 0);
        endEpoch = _permanentCertifiedEnd[blobId];
        (uint32 current,) = ISystem(_directory.system()).epochInfo();
        certified = current < endEpoch;
    }

    /// @notice Whether `blobId` was marked invalid.
    function isInvalid(bytes32 blobId) external view returns (bool) {
        return _invalid[blobId];
    }

    /// @notice Blake2b-256(u8 encodingType || u64 little-endian size || rootHash) (docs/protocol.md §6).
    function deriveBlobId(uint8 encodingType, uint64 size, bytes32 rootHash) public view returns (bytes32) {
        return Blake2b.hash256(abi.encodePacked(encodingType, _littleEndian64(size), rootHash));
    }

    /// @notice Encoded size of a blob of `size` bytes for this deployment's shard count (0 if too large).
    function encodedSize(uint64 size) external view returns (uint256) {
        (, uint256 encoded) = RedStuff.encodedSize(ISystem(_directory.system()).nShards(), size);
        return encoded;
    }

    /// @notice The EIP-712 digest a node signs to confirm storage.
    function confirmationDigest(uint32 epoch, bytes32 blobId, uint8 persistence, uint256 objectId)
        public
        view
        returns (bytes32)
    {
        return _hashTypedData(keccak256(abi.encode(CONFIRMATION_TYPEHASH, epoch, blobId, persistence, objectId)));
    }

    /// @notice The EIP-712 digest a node signs to attest an invalid blob id.
    function invalidBlobDigest(uint32 epoch, bytes32 blobId) public view returns (bytes32) {
        return _hashTypedData(keccak256(abi.encode(INVALID_BLOB_TYPEHASH, epoch, blobId)));
    }

    /// @notice The EIP-712 domain separator (name "Walrus", version "1", this chain, this registry).
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparator();
    }

    /// @notice The Directory of this deployment.
    function directory() external view returns (IDirectory) {
        return _directory;
    }

    // =============================================================== internals

    /// @dev EIP-712 domain {name "Walrus", version "1", chainId, verifyingContract = this proxy}.
    function _domainSeparator() private view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Walrus"),
                keccak256("1"),
                block.chainid,
                address(this)
            )
        );
    }

    function _hashTypedData(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", _domainSeparator(), structHash));
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != _directory.governance()) revert BlobRegistryNotGovernance();
    }

    function _context() private view returns (uint32 epoch, uint256 n, ISystem system) {
        system = ISystem(_directory.system());
        (epoch,) = system.epochInfo();
        n = system.nShards();
    }

    function _units(uint256 encoded) private pure returns (uint256) {
        return (encoded + BYTES_PER_UNIT - 1) / BYTES_PER_UNIT;
    }

    /// @dev Validates a new blob and returns its encoded size.
    function _checkBlob(uint256 n, BlobParams memory p) private view returns (uint256 encoded) {
        if (p.encodingType != RedStuff.ENCODING_RS2) revert BlobRegistryUnsupportedEncoding(p.encodingType);
        bool ok;
        (ok, encoded) = RedStuff.encodedSize(n, p.size);
        if (!ok) revert BlobRegistryBlobTooLarge(p.size);
        bytes32 derived = deriveBlobId(p.encodingType, p.size, p.rootHash);
        if (derived != p.blobId) revert BlobRegistryBlobIdMismatch(p.blobId, derived);
        if (_invalid[p.blobId]) revert BlobRegistryBlobIdInvalid(p.blobId);
    }

    function _reserveAndMint(uint256 n, uint32 epoch, uint32 epochsAhead, BlobParams calldata p)
        private
        returns (uint256 encoded, uint256 objectId)
    {
        encoded = _checkBlob(n, p);
        // Encoded sizes stay below 2^41 for n <= 4096 shards and S <= 65534.
        // forge-lint: disable-next-line(unsafe-typecast)
        objectId = _mintBlob(epoch, epoch, epoch + epochsAhead, uint64(encoded), p);
    }

    function _registerOne(uint256 storageTokenId, BlobParams memory p)
        private
        returns (uint256 objectId, uint256 units)
    {
        (uint32 epoch, uint256 n,) = _context();
        uint256 encoded = _checkBlob(n, p);
        objectId = _registerOnStorage(epoch, storageTokenId, encoded, p);
        units = _units(encoded);
    }

    function _registerOnStorage(uint32 epoch, uint256 storageTokenId, uint256 encoded, BlobParams memory p)
        private
        returns (uint256 objectId)
    {
        (uint32 start, uint32 end, uint64 storageSize) =
            IStorageResource(_directory.storageResource()).consume(storageTokenId, msg.sender);
        if (epoch < start || epoch >= end) revert BlobRegistryStorageNotCurrent(start, end);
        if (encoded > storageSize) revert BlobRegistryStorageTooSmall(encoded, storageSize);
        objectId = _mintBlob(epoch, start, end, storageSize, p);
    }

    function _mintBlob(uint32 epoch, uint32 start, uint32 end, uint64 storageSize, BlobParams memory p)
        private
        returns (uint256 objectId)
    {
        objectId = _nextTokenId++;
        _blobs[objectId] = Blob({
            blobId: p.blobId,
            registeredEpoch: epoch,
            certifiedEpoch: 0,
            startEpoch: start,
            endEpoch: end,
            size: p.size,
            encodingType: p.encodingType,
            deletable: p.deletable,
            storageSize: storageSize
        });
        _mint(msg.sender, objectId);
        emit BlobRegistered(epoch, p.blobId, p.size, p.encodingType, end, p.deletable, objectId);
    }

    function _checkConfirmation(
        Blob storage b,
        uint256 objectId,
        bytes32 blobId,
        uint8 persistence,
        uint256 confirmedObjectId
    ) private view {
        if (b.certifiedEpoch != 0) revert BlobRegistryAlreadyCertified(objectId);
        if (blobId != b.blobId) revert BlobRegistryCertificateBlobIdMismatch(blobId, b.blobId);
        if (_invalid[blobId]) revert BlobRegistryBlobIdInvalid(blobId);
        bool deletable = b.deletable;
        uint8 expectedPersistence = deletable ? PERSISTENCE_DELETABLE : PERSISTENCE_PERMANENT;
        if (persistence != expectedPersistence) {
            revert BlobRegistryPersistenceMismatch(persistence, expectedPersistence);
        }
        uint256 expectedObject = deletable ? objectId : 0;
        if (confirmedObjectId != expectedObject) {
            revert BlobRegistryObjectIdMismatch(confirmedObjectId, expectedObject);
        }
    }

    function _checkExtendable(Blob storage b, uint256 objectId) private view returns (ISystem system) {
        if (b.certifiedEpoch == 0) revert BlobRegistryNotCertified(objectId);
        if (_invalid[b.blobId]) revert BlobRegistryBlobIdInvalid(b.blobId);
        system = ISystem(_directory.system());
        (uint32 current,) = system.epochInfo();
        if (current >= b.endEpoch) revert BlobRegistryBlobExpired(objectId, b.endEpoch);
    }

    function _onExtended(Blob storage b, uint256 objectId) private {
        bytes32 blobId = b.blobId;
        uint32 end = b.endEpoch;
        if (!b.deletable && _permanentCertifiedEnd[blobId] < end) _permanentCertifiedEnd[blobId] = end;
        emit BlobCertified(b.certifiedEpoch, blobId, end, b.deletable, objectId, true);
    }

    function _existing(uint256 objectId) private view returns (Blob storage b) {
        b = _blobs[objectId];
        if (b.endEpoch == 0) revert BlobRegistryUnknownBlob(objectId);
    }

    function _authorizedBlob(uint256 objectId) private view returns (Blob storage b) {
        b = _existing(objectId);
        if (!_isAuthorized(_ownerOf(objectId), msg.sender, objectId)) revert BlobRegistryNotAuthorized(objectId);
    }

    function _littleEndian64(uint64 x) private pure returns (bytes8) {
        x = ((x & 0x00FF00FF00FF00FF) << 8) | ((x & 0xFF00FF00FF00FF00) >> 8);
        x = ((x & 0x0000FFFF0000FFFF) << 16) | ((x & 0xFFFF0000FFFF0000) >> 16);
        x = (x << 32) | (x >> 32);
        return bytes8(x);
    }
}
