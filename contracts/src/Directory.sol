// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IDirectory} from "./interfaces/IDirectory.sol";

/// @title Directory
/// @notice One address from which off-chain code (and the contracts themselves) find every Walrus.NET
///         contract. Written once by the deployer; the contracts behind it are UUPS proxies whose
///         addresses never change (upgrades replace their implementation), so the entries are final.
contract Directory is IDirectory {
    /// @notice The addresses, in a fixed order.
    struct Addresses {
        address wal;
        address nodeRegistry;
        address staking;
        address stakedWal;
        address system;
        address storageResource;
        address blobRegistry;
        address slashing;
        address governance;
    }

    address private immutable _deployer;
    Addresses private _addresses;
    bool private _initialized;

    /// @notice Emitted once, when the deployer fills the directory.
    event DirectoryInitialized(
        address wal,
        address nodeRegistry,
        address staking,
        address stakedWal,
        address system,
        address storageResource,
        address blobRegistry,
        address slashing,
        address governance
    );

    /// @notice Only the deployer may fill the directory.
    error DirectoryNotDeployer();
    /// @notice The directory was already filled.
    error DirectoryAlreadyInitialized();
    /// @notice An address was zero.
    error DirectoryZeroAddress();

    constructor() {
        _deployer = msg.sender;
    }

    /// @notice Fills the directory (deployer only, once).
    /// @param a Every contract's address; none may be zero.
    function initialize(Addresses calldata a) external {
        if (msg.sender != _deployer) revert DirectoryNotDeployer();
        if (_initialized) revert DirectoryAlreadyInitialized();
        if (
            a.wal == address(0) || a.nodeRegistry == address(0) || a.staking == address(0) || a.stakedWal == address(0)
                || a.system == address(0) || a.storageResource == address(0) || a.blobRegistry == address(0)
                || a.slashing == address(0) || a.governance == address(0)
        ) revert DirectoryZeroAddress();
        _addresses = a;
        _initialized = true;
        emit DirectoryInitialized(
            a.wal,
            a.nodeRegistry,
            a.staking,
            a.stakedWal,
            a.system,
            a.storageResource,
            a.blobRegistry,
            a.slashing,
            a.governance
        );
    }

    /// @notice All addresses at once.
    function addresses() external view returns (Addresses memory) {
        return _addresses;
    }

    /// @notice True once the deployer filled the directory.
    function initialized() external view returns (bool) {
        return _initialized;
    }

    /// @notice The WAL token.
    function wal() external view returns (address) {
        return _addresses.wal;
    }

    /// @notice Storage nodes: owners, signing keys, names, network addresses.
    function nodeRegistry() external view returns (address) {
        return _addresses.nodeRegistry;
    }

    /// @notice Staking pools, stake positions' data, price and capacity votes.
    function staking() external view returns (address) {
        return _addresses.staking;
    }

    /// @notice Stake position tokens (ERC-721).
    function stakedWal() external view returns (address) {
        return _addresses.stakedWal;
    }

    /// @notice Epochs, committees, prices, capacity and payments.
    function system() external view returns (address) {
        return _addresses.system;
    }

    /// @notice Storage resource tokens.
    function storageResource() external view returns (address) {
        return _addresses.storageResource;
    }

    /// @notice Blob tokens, registration and certification.
    function blobRegistry() external view returns (address) {
        return _addresses.blobRegistry;
    }

    /// @notice Committee votes to slash pools.
    function slashing() external view returns (address) {
        return _addresses.slashing;
    }

    /// @notice Stake-weighted proposals for parameters and upgrades.
    function governance() external view returns (address) {
        return _addresses.governance;
    }

    /// @notice True for the UUPS proxies that governance may upgrade.
    function isUpgradeable(address target) external view returns (bool) {
        Addresses storage a = _addresses;
        return target != address(0)
            && (target == a.nodeRegistry
                || target == a.staking
                || target == a.stakedWal
                || target == a.system
                || target == a.storageResource
                || target == a.blobRegistry
                || target == a.slashing
                || target == a.governance);
    }
}
