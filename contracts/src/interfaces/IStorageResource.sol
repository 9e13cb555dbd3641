// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice What the BlobRegistry needs from the StorageResource contract.
interface IStorageResource {
    /// @notice BlobRegistry only: burns a storage token and returns its fields.
    function consume(uint256 tokenId, address user)
        external
        returns (uint32 startEpoch, uint32 endEpoch, uint64 encodedSize);
    /// @notice BlobRegistry only: mints a storage token.
    function mintTo(address to, uint32 startEpoch, uint32 endEpoch, uint64 encodedSize)
        external
        returns (uint256 tokenId);
}
