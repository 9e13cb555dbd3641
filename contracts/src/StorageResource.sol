// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {IDirectory} from "./interfaces/IDirectory.sol";
import {ISystem} from "./interfaces/ISystem.sol";
import {IStorageResource} from "./interfaces/IStorageResource.sol";

/// @title StorageResource
/// @notice Storage reservations as ERC-721 tokens ("Walrus Storage", WSTOR): {start epoch (inclusive),
///         end epoch (exclusive), encoded size in bytes} (docs/protocol.md §11). Reserving pays the storage
///         price x MiB units x epochs through the System contract (approve the System contract for WAL).
///         Tokens can be split by epoch or by size, fused, transferred, burned, and used to register blobs.
contract StorageResource is Initializable, UUPSUpgradeable, ERC721Upgradeable, IStorageResource {
    /// @notice Prices are per MiB of encoded size.
    uint256 public constant BYTES_PER_UNIT = 1_048_576;

    struct Resource {
        uint32 startEpoch;
        uint32 endEpoch;
        uint64 encodedSize;
    }

    IDirectory private _directory;
    uint256 private _nextTokenId;
    mapping(uint256 tokenId => Resource) private _resources;

    /// @notice Storage was reserved and paid for.
    event StorageReserved(
        uint256 indexed tokenId,
        address indexed owner,
        uint32 startEpoch,
        uint32 endEpoch,
        uint64 encodedSize,
        uint256 cost
    );
    /// @notice `tokenId` was split; `newTokenId` holds the other part.
    event StorageSplit(uint256 indexed tokenId, uint256 indexed newTokenId);
    /// @notice `mergedTokenId` was fused into `tokenId` and burned.
    event StorageFused(uint256 indexed tokenId, uint256 indexed mergedTokenId);

    /// @notice Only the BlobRegistry may call this.
    error StorageResourceNotRegistry();
    /// @notice Only Governance may upgrade.
    error StorageResourceNotGovernance();
    /// @notice An address argument was zero.
    error StorageResourceZeroAddress();
    /// @notice The size is zero.
    error StorageResourceZeroSize();
    /// @notice No token has this id.
    error StorageResourceUnknownToken(uint256 tokenId);
    /// @notice The caller (or user) is neither the token's owner nor approved for it.
    error StorageResourceNotAuthorized(uint256 tokenId);
    /// @notice The split epoch is not strictly inside the period.
    error StorageResourceInvalidSplitEpoch(uint32 splitEpoch);
    /// @notice The split size is not strictly between 0 and the size.
    error StorageResourceInvalidSplitSize(uint64 splitSize);
    /// @notice The two tokens neither share a period nor have equal sizes and adjacent periods.
    error StorageResourceNotFusable(uint256 tokenId, uint256 otherTokenId);
    /// @notice The epoch range is empty or invalid.
    error StorageResourceInvalidEpochRange(uint32 startEpoch, uint32 endEpoch);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    function initialize(IDirectory directory_) external initializer {
        if (address(directory_) == address(0)) revert StorageResourceZeroAddress();
        __ERC721_init("Walrus Storage", "WSTOR");
        _directory = directory_;
        _nextTokenId = 1;
    }

    /// @notice Reserves `encodedSize` bytes from the current epoch for `epochsAhead` epochs, paying from
    ///         the caller at most `maxCost` FROST (else SystemCostTooHigh); mints the token to the caller.
    function reserve(uint64 encodedSize, uint32 epochsAhead, uint256 maxCost) external returns (uint256 tokenId) {
        (uint32 epoch,) = ISystem(_directory.system()).epochInfo();
        return _reserve(encodedSize, epoch, epoch + epochsAhead, maxCost);
    }

    /// @notice Reserves `encodedSize` bytes for [startEpoch, endEpoch) (start not in the past, end at most
    ///         max epochs ahead), paying from the caller at most `maxCost` FROST; mints the token to the caller.
    function reserveForEpochs(uint64 encodedSize, uint32 startEpoch, uint32 endEpoch, uint256 maxCost)
        external
        returns (uint256 tokenId)
    {
        return _reserve(encodedSize, startEpoch, endEpoch, maxCost);
    }

    /// @notice Splits at `splitEpoch`: the token keeps [start, splitEpoch), a new token to the same owner
    ///         gets [splitEpoch, end).
    function splitByEpoch(uint256 tokenId, uint32 splitEpoch) external returns (uint256 newTokenId) {
        Resource storage r = _authorized(tokenId, msg.sender);
        if (splitEpoch <= r.startEpoch || splitEpoch >= r.endEpoch) {
            revert StorageResourceInvalidSplitEpoch(splitEpoch);
        }
        uint32 end = r.endEpoch;
        r.endEpoch = splitEpoch;
        newTokenId = _mintResource(_ownerOf(tokenId), splitEpoch, end, r.encodedSize);
        emit StorageSplit(tokenId, newTokenId);
    }

    /// @notice Splits by size: the token keeps `splitSize` bytes, a new token to the same owner gets the rest.
    function splitBySize(uint256 tokenId, uint64 splitSize) external returns (uint256 newTokenId) {
        Resource storage r = _authorized(tokenId, msg.sender);
        if (splitSize == 0 || splitSize >= r.encodedSize) revert StorageResourceInvalidSplitSize(splitSize);
        uint64 rest = r.encodedSize - splitSize;
        r.encodedSize = splitSize;
        newTokenId = _mintResource(_ownerOf(tokenId), r.startEpoch, r.endEpoch, rest);
        emit StorageSplit(tokenId, newTokenId);
    }

    /// @notice Fuses `otherTokenId` into `tokenId` and burns it: same period -> sizes add up; same size
    ///         and adjacent periods -> the periods join. The caller must be authorized for both.
    function fuse(uint256 tokenId, uint256 otherTokenId) external {
        if (tokenId == otherTokenId) revert StorageResourceNotFusable(tokenId, otherTokenId);
        Resource storage a = _authorized(tokenId, msg.sender);
        Resource memory b = _authorized(otherTokenId, msg.sender);
        if (a.startEpoch == b.startEpoch && a.endEpoch == b.endEpoch) {
            a.encodedSize += b.encodedSize;
        } else if (a.encodedSize == b.encodedSize && a.endEpoch == b.startEpoch) {
            a.endEpoch = b.endEpoch;
        } else if (a.encodedSize == b.encodedSize && b.endEpoch == a.startEpoch) {
            a.startEpoch = b.startEpoch;
        } else {
            revert StorageResourceNotFusable(tokenId, otherTokenId);
        }
        delete _resources[otherTokenId];
        _burn(otherTokenId);
        emit StorageFused(tokenId, otherTokenId);
    }

    /// @notice Destroys a token (owner or approved). Its payment is not refunded.
    function burn(uint256 tokenId) external {
        _authorized(tokenId, msg.sender);
        delete _resources[tokenId];
        _burn(tokenId);
    }

    /// @notice BlobRegistry only: burns `tokenId`, which `user` must own or be approved for, and returns
    ///         its fields (the blob takes over the reservation).
    function consume(uint256 tokenId, address user)
        external
        returns (uint32 startEpoch, uint32 endEpoch, uint64 encodedSize)
    {
        if (msg.sender != _directory.blobRegistry()) revert StorageResourceNotRegistry();
        Resource memory r = _authorized(tokenId, user);
        delete _resources[tokenId];
        _burn(tokenId);
        return (r.startEpoch, r.endEpoch, r.encodedSize);
    }

    /// @notice BlobRegistry only: mints a token for a reservation given back by a deleted blob.
    function mintTo(address to, uint32 startEpoch, uint32 endEpoch, uint64 encodedSize)
        external
        returns (uint256 tokenId)
    {
        if (msg.sender != _directory.blobRegistry()) revert StorageResourceNotRegistry();
        return _mintResource(to, startEpoch, endEpoch, encodedSize);
    }

    /// @notice The fields of a token.
    function resource(uint256 tokenId) external view returns (uint32 startEpoch, uint32 endEpoch, uint64 encodedSize) {
        Resource memory r = _resources[tokenId];
        if (r.endEpoch == 0) revert StorageResourceUnknownToken(tokenId);
        return (r.startEpoch, r.endEpoch, r.encodedSize);
    }

    /// @notice The Directory of this deployment.
    function directory() external view returns (IDirectory) {
        return _directory;
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != _directory.governance()) revert StorageResourceNotGovernance();
    }

    function _reserve(uint64 encodedSize, uint32 startEpoch, uint32 endEpoch, uint256 maxCost)
        private
        returns (uint256 tokenId)
    {
        if (encodedSize == 0) revert StorageResourceZeroSize();
        if (endEpoch <= startEpoch) revert StorageResourceInvalidEpochRange(startEpoch, endEpoch);
        uint256 units = (uint256(encodedSize) + BYTES_PER_UNIT - 1) / BYTES_PER_UNIT;
        tokenId = _mintResource(msg.sender, startEpoch, endEpoch, encodedSize);
        (uint256 cost,) = ISystem(_directory.system())
            .collectPayment(msg.sender, encodedSize, units, startEpoch, endEpoch, 0, maxCost);
        emit StorageReserved(tokenId, msg.sender, startEpoch, endEpoch, encodedSize, cost);
    }

    function _mintResource(address to, uint32 startEpoch, uint32 endEpoch, uint64 encodedSize)
        private
        returns (uint256 tokenId)
    {
        tokenId = _nextTokenId++;
        _resources[tokenId] = Resource(startEpoch, endEpoch, encodedSize);
        _mint(to, tokenId);
    }

    function _authorized(uint256 tokenId, address user) private view returns (Resource storage r) {
        r = _resources[tokenId];
        if (r.endEpoch == 0) revert StorageResourceUnknownToken(tokenId);
        if (!_isAuthorized(_ownerOf(tokenId), user, tokenId)) revert StorageResourceNotAuthorized(tokenId);
    }
}
