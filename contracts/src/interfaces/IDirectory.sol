// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice Where every Walrus.NET contract finds the others.
interface IDirectory {
    function wal() external view returns (address);
    function nodeRegistry() external view returns (address);
    function staking() external view returns (address);
    function stakedWal() external view returns (address);
    function system() external view returns (address);
    function storageResource() external view returns (address);
    function blobRegistry() external view returns (address);
    function slashing() external view returns (address);
    function governance() external view returns (address);
    function isUpgradeable(address target) external view returns (bool);
}
