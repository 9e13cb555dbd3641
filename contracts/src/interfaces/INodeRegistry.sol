// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice What the other contracts need from the NodeRegistry contract.
interface INodeRegistry {
    /// @notice The owner account of a node (zero if unknown).
    function nodeOwner(uint32 nodeId) external view returns (address);
    /// @notice The registered signing key of a node.
    function nodeSigningKey(uint32 nodeId) external view returns (address);
    /// @notice The registered signing keys of several nodes.
    function signingKeys(uint32[] calldata nodeIds) external view returns (address[] memory);
}
