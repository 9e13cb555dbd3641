// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice Where every Walrus.NET contract finds the others.
interface IDirectory {
    /// @notice The WAL token.
    function wal() external view returns (address);
    /// @notice The NodeRegistry.
    function nodeRegistry() external view returns (address);
    /// @notice The Staking contract.
    function staking() external view returns (address);
    /// @notice The StakedWal position token.
    function stakedWal() external view returns (address);
    /// @notice The System contract.
    function system() external view returns (address);
    /// @notice The StorageResource contract.
    function storageResource() external view returns (address);
    /// @notice The BlobRegistry.
    function blobRegistry() external view returns (address);
    /// @notice The Slashing contract.
    function slashing() external view returns (address);
    /// @notice The Governance contract.
    function governance() external view returns (address);
    /// @notice True for the UUPS proxies governance may upgrade.
    function isUpgradeable(address target) external view returns (bool);
}
