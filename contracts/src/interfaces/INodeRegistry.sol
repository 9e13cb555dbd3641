// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice What the other contracts need from the NodeRegistry contract.
interface INodeRegistry {
    function nodeOwner(uint32 nodeId) external view returns (address);
    function nodeSigningKey(uint32 nodeId) external view returns (address);
    function signingKeys(uint32[] calldata nodeIds) external view returns (address[] memory);
}
