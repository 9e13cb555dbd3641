// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {TestBase} from "./TestBase.sol";
import {WAL} from "../../src/WAL.sol";

/// @notice The deploy-everything base every Walrus.NET forge test inherits.
abstract contract WalrusTestBase is TestBase {
    uint256 internal constant WAL_UNIT = 1e9;

    WAL internal wal;
    address internal treasury = address(0x7EA5);

    function setUp() public virtual {
        wal = new WAL(treasury);
        vm.label(address(wal), "WAL");
    }

    /// @dev Gives `to` `amount` FROST from the treasury.
    function _fund(address to, uint256 amount) internal {
        vm.prank(treasury);
        wal.transfer(to, amount);
    }
}
