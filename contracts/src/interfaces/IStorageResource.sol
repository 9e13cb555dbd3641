// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice What the BlobRegistry needs from the StorageResource contract.
interface IStorageResource {
    function consume(uint256 tokenId, address user)
        external
        returns (uint32 startEpoch, uint32 endEpoch, uint64 encodedSize);
    function mintTo(address to, uint32 startEpoch, uint32 endEpoch, uint64 encodedSize)
        external
        returns (uint256 tokenId);
}
