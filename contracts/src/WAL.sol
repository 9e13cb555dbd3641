// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title WAL
/// @notice The Walrus token: 9 decimals (1 WAL = 10^9 FROST), 5,000,000,000 WAL minted once at
///         deployment, burnable by any holder, with EIP-2612 permit. There is no mint function.
contract WAL is ERC20, ERC20Burnable, ERC20Permit {
    /// @notice 10^9 FROST per WAL.
    uint256 public constant FROST_PER_WAL = 1e9;
    /// @notice The whole supply, in FROST: 5,000,000,000 WAL.
    uint256 public constant INITIAL_SUPPLY = 5_000_000_000 * FROST_PER_WAL;

    /// @notice The initial supply was sent to a zero address.
    error WALZeroRecipient();

    /// @param recipient Receives the whole initial supply.
    constructor(address recipient) ERC20("WAL", "WAL") ERC20Permit("WAL") {
        if (recipient == address(0)) revert WALZeroRecipient();
        _mint(recipient, INITIAL_SUPPLY);
    }

    /// @notice 9 decimals: amounts are in FROST.
    function decimals() public pure override returns (uint8) {
        return 9;
    }
}
