// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice What the other contracts need from the System contract.
interface ISystem {
    function epochInfo() external view returns (uint32 epoch, uint8 state);
    function isCommitteeMember(uint32 epoch, uint32 nodeId) external view returns (bool member, uint16 weight);
    function nShards() external view returns (uint16);
    function committeeStake(uint32 epoch) external view returns (uint256);
    function maxEpochsAhead() external view returns (uint32);
    function verifyCertificate(
        uint32 epoch,
        bytes32 digest,
        bytes calldata signersBitmap,
        bytes calldata signatures,
        bool strongQuorum
    ) external view returns (uint256 weight);
    function collectPayment(
        address payer,
        uint256 storageBytes,
        uint256 storageUnits,
        uint32 startEpoch,
        uint32 endEpoch,
        uint256 writeUnits
    ) external returns (uint256 storageCost, uint256 writeCost);
    function updatePrices() external;
}
