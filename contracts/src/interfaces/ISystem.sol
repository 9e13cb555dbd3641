// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice What the other contracts need from the System contract.
interface ISystem {
    /// @notice The current epoch and its state.
    function epochInfo() external view returns (uint32 epoch, uint8 state);
    /// @notice Whether a node is in an epoch committee, and its shards.
    function isCommitteeMember(uint32 epoch, uint32 nodeId) external view returns (bool member, uint16 weight);
    /// @notice Number of shards.
    function nShards() external view returns (uint16);
    /// @notice Active stake of an epoch committee.
    function committeeStake(uint32 epoch) external view returns (uint256);
    /// @notice How many epochs ahead storage may end.
    function maxEpochsAhead() external view returns (uint32);
    /// @notice Checks a committee certificate; returns the signers shards.
    function verifyCertificate(
        uint32 epoch,
        bytes32 digest,
        bytes calldata signersBitmap,
        bytes calldata signatures,
        bool strongQuorum
    ) external view returns (uint256 weight);
    /// @notice StorageResource/BlobRegistry only: charges storage and write fees.
    function collectPayment(
        address payer,
        uint256 storageBytes,
        uint256 storageUnits,
        uint32 startEpoch,
        uint32 endEpoch,
        uint256 writeUnits,
        uint256 maxCost
    ) external returns (uint256 storageCost, uint256 writeCost);
}
