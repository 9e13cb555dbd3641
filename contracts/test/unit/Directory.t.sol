// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {Directory} from "../../src/Directory.sol";

contract DirectoryTest is WalrusTestBase {
    function test_points_to_every_contract() public view {
        assertTrue(directory.initialized());
        assertEq(directory.wal(), address(wal));
        assertEq(directory.nodeRegistry(), address(nodeRegistry));
        assertEq(directory.staking(), address(staking));
        assertEq(directory.stakedWal(), address(stakedWal));
        assertEq(directory.system(), address(system));
        assertEq(directory.storageResource(), address(storageResource));
        assertEq(directory.blobRegistry(), address(blobRegistry));
        assertEq(directory.slashing(), address(slashing));
        assertEq(directory.governance(), address(governance));
        Directory.Addresses memory a = directory.addresses();
        assertEq(a.governance, address(governance));
        assertEq(address(system.directory()), address(directory));
    }

    function test_upgradeable_set_excludes_token_and_strangers() public view {
        assertTrue(directory.isUpgradeable(address(system)));
        assertTrue(directory.isUpgradeable(address(governance)));
        assertFalse(directory.isUpgradeable(address(wal)));
        assertFalse(directory.isUpgradeable(address(directory)));
        assertFalse(directory.isUpgradeable(address(0)));
    }

    function test_initialize_reverts_a_second_time() public {
        Directory.Addresses memory a = directory.addresses();
        vm.expectRevert(Directory.DirectoryAlreadyInitialized.selector);
        directory.initialize(a);
    }

    function test_initialize_reverts_for_anyone_but_the_deployer() public {
        Directory fresh = new Directory();
        Directory.Addresses memory a = directory.addresses();
        vm.prank(alice);
        vm.expectRevert(Directory.DirectoryNotDeployer.selector);
        fresh.initialize(a);
    }

    function test_initialize_reverts_on_a_zero_address() public {
        Directory fresh = new Directory();
        Directory.Addresses memory a = directory.addresses();
        a.slashing = address(0);
        vm.expectRevert(Directory.DirectoryZeroAddress.selector);
        fresh.initialize(a);
    }
}
