// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {IDirectory} from "./interfaces/IDirectory.sol";

/// @title StakedWal
/// @notice Stake positions as transferable ERC-721 tokens ("Walrus Staked WAL", sWAL). The Staking
///         contract mints and burns them and keeps each position's data under the same token id
///         (`Staking.position(tokenId)`); whoever holds the token may withdraw the stake.
contract StakedWal is Initializable, UUPSUpgradeable, ERC721Upgradeable {
    IDirectory private _directory;

    /// @notice An address argument was zero.
    error StakedWalZeroAddress();
    /// @notice Only the Staking contract may mint and burn.
    error StakedWalNotStaking();
    /// @notice Only Governance may upgrade.
    error StakedWalNotGovernance();

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    function initialize(IDirectory directory_) external initializer {
        if (address(directory_) == address(0)) revert StakedWalZeroAddress();
        __ERC721_init("Walrus Staked WAL", "sWAL");
        _directory = directory_;
    }

    /// @notice Staking only: mints position `tokenId` to `to`.
    function mint(address to, uint256 tokenId) external {
        if (msg.sender != _directory.staking()) revert StakedWalNotStaking();
        _mint(to, tokenId);
    }

    /// @notice Staking only: burns position `tokenId`.
    function burn(uint256 tokenId) external {
        if (msg.sender != _directory.staking()) revert StakedWalNotStaking();
        _burn(tokenId);
    }

    /// @notice The holder of `tokenId` (zero if none) and whether `spender` may act for it (holder,
    ///         approved, or operator).
    function authorization(address spender, uint256 tokenId) external view returns (address owner, bool authorized) {
        owner = _ownerOf(tokenId);
        authorized = owner != address(0) && _isAuthorized(owner, spender, tokenId);
    }

    /// @notice The Directory of this deployment.
    function directory() external view returns (IDirectory) {
        return _directory;
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != _directory.governance()) revert StakedWalNotGovernance();
    }
}
