// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {StorageResource} from "../../src/StorageResource.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

contract StorageResourceTest is WalrusTestBase {
    event StorageReserved(
        uint256 indexed tokenId,
        address indexed owner,
        uint32 startEpoch,
        uint32 endEpoch,
        uint64 encodedSize,
        uint256 cost
    );

    function setUp() public override {
        super.setUp();
        _bootstrap(4);
        _fundAndApprove(alice, 1_000_000 * WAL_UNIT);
    }

    function _reserve(uint64 size, uint32 epochs) private returns (uint256 tokenId) {
        vm.prank(alice);
        tokenId = storageResource.reserve(size, epochs, NO_LIMIT);
    }

    function test_reserve_pays_price_times_units_times_epochs() public {
        uint256 before = wal.balanceOf(alice);
        vm.expectEmit(address(storageResource));
        emit StorageReserved(1, alice, 1, 4, 5 << 20, 5 * 3 * STORAGE_PRICE);
        uint256 tokenId = _reserve(5 << 20, 3);
        assertEq(storageResource.ownerOf(tokenId), alice);
        (uint32 start, uint32 end, uint64 size) = storageResource.resource(tokenId);
        assertEq(start, 1);
        assertEq(end, 4);
        assertEq(size, 5 << 20);
        assertEq(before - wal.balanceOf(alice), 15 * STORAGE_PRICE);
    }

    function test_reserveForEpochs_can_start_in_the_future() public {
        vm.prank(alice);
        uint256 tokenId = storageResource.reserveForEpochs(1 << 20, 3, 5, NO_LIMIT);
        (uint32 start, uint32 end,) = storageResource.resource(tokenId);
        assertEq(start, 3);
        assertEq(end, 5);
        assertEq(system.usedCapacity(), 0);
        assertEq(system.usedCapacityAt(3), 1 << 20);
    }

    function test_reserve_reverts_on_zero_size_or_epochs() public {
        vm.startPrank(alice);
        vm.expectRevert(StorageResource.StorageResourceZeroSize.selector);
        storageResource.reserve(0, 1, NO_LIMIT);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceInvalidEpochRange.selector, 1, 1));
        storageResource.reserve(1, 0, NO_LIMIT);
        vm.stopPrank();
    }

    function test_splitByEpoch_makes_two_adjacent_tokens() public {
        uint256 a = _reserve(1 << 20, 4);
        vm.prank(alice);
        uint256 b = storageResource.splitByEpoch(a, 3);
        (uint32 s1, uint32 e1,) = storageResource.resource(a);
        (uint32 s2, uint32 e2, uint64 size2) = storageResource.resource(b);
        assertEq(s1, 1);
        assertEq(e1, 3);
        assertEq(s2, 3);
        assertEq(e2, 5);
        assertEq(size2, 1 << 20);
        assertEq(storageResource.ownerOf(b), alice);
    }

    function test_splitByEpoch_reverts_outside_the_period_or_for_strangers() public {
        uint256 a = _reserve(1 << 20, 4);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceInvalidSplitEpoch.selector, uint32(5)));
        storageResource.splitByEpoch(a, 5);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceInvalidSplitEpoch.selector, uint32(1)));
        storageResource.splitByEpoch(a, 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceNotAuthorized.selector, a));
        storageResource.splitByEpoch(a, 2);
    }

    function test_splitBySize_divides_the_size() public {
        uint256 a = _reserve(10, 2);
        vm.prank(alice);
        uint256 b = storageResource.splitBySize(a, 3);
        (,, uint64 sa) = storageResource.resource(a);
        (,, uint64 sb) = storageResource.resource(b);
        assertEq(sa, 3);
        assertEq(sb, 7);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceInvalidSplitSize.selector, uint64(3)));
        storageResource.splitBySize(a, 3);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceInvalidSplitSize.selector, uint64(0)));
        storageResource.splitBySize(a, 0);
    }

    function test_fuse_same_period_adds_sizes() public {
        uint256 a = _reserve(10, 2);
        uint256 b = _reserve(20, 2);
        vm.prank(alice);
        storageResource.fuse(a, b);
        (,, uint64 size) = storageResource.resource(a);
        assertEq(size, 30);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceUnknownToken.selector, b));
        storageResource.resource(b);
    }

    function test_fuse_adjacent_periods_in_either_order() public {
        vm.startPrank(alice);
        uint256 a = storageResource.reserveForEpochs(10, 1, 3, NO_LIMIT);
        uint256 b = storageResource.reserveForEpochs(10, 3, 6, NO_LIMIT);
        uint256 c = storageResource.reserveForEpochs(10, 6, 7, NO_LIMIT);
        storageResource.fuse(b, a); // b = [1, 6)
        storageResource.fuse(b, c); // b = [1, 7)
        vm.stopPrank();
        (uint32 start, uint32 end, uint64 size) = storageResource.resource(b);
        assertEq(start, 1);
        assertEq(end, 7);
        assertEq(size, 10);
    }

    function test_fuse_reverts_for_incompatible_or_same_or_foreign_tokens() public {
        uint256 a = _reserve(10, 2);
        uint256 b = _reserve(11, 3);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceNotFusable.selector, a, b));
        storageResource.fuse(a, b);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceNotFusable.selector, a, a));
        storageResource.fuse(a, a);
        _fundAndApprove(bob, 1_000_000 * WAL_UNIT);
        vm.prank(bob);
        uint256 c = storageResource.reserve(10, 2, NO_LIMIT);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceNotAuthorized.selector, c));
        storageResource.fuse(a, c);
    }

    function test_transfer_and_burn() public {
        uint256 a = _reserve(10, 2);
        vm.prank(alice);
        storageResource.transferFrom(alice, bob, a);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceNotAuthorized.selector, a));
        storageResource.burn(a);
        vm.prank(bob);
        storageResource.burn(a);
        assertEq(storageResource.balanceOf(bob), 0);
        vm.expectRevert(abi.encodeWithSelector(StorageResource.StorageResourceUnknownToken.selector, a));
        storageResource.burn(a);
    }

    function test_registry_hooks_only_from_the_registry() public {
        vm.expectRevert(StorageResource.StorageResourceNotRegistry.selector);
        storageResource.consume(1, alice);
        vm.expectRevert(StorageResource.StorageResourceNotRegistry.selector);
        storageResource.mintTo(alice, 1, 2, 3);
    }

    function test_upgrade_reverts_unless_governance() public {
        address impl = address(new StorageResource());
        vm.expectRevert(StorageResource.StorageResourceNotGovernance.selector);
        UUPSUpgradeable(address(storageResource)).upgradeToAndCall(impl, "");
    }
}
