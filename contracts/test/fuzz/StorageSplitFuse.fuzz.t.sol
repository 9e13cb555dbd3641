// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";

/// @notice Fuzz tests: splitting storage and fusing it back gives the original reservation.
contract StorageSplitFuseFuzzTest is WalrusTestBase {
    function setUp() public override {
        super.setUp();
        _bootstrap(4);
        _fundAndApprove(alice, 1_000_000_000 * WAL_UNIT);
    }

    function testFuzz_split_by_size_then_fuse_restores_the_size(uint64 size, uint64 cut, uint8 epochs) public {
        size = uint64(bound(size, 2, 1 << 40));
        cut = uint64(bound(cut, 1, size - 1));
        uint32 e = uint32(bound(epochs, 1, 53));
        vm.startPrank(alice);
        uint256 a = storageResource.reserve(size, e, NO_LIMIT);
        uint256 b = storageResource.splitBySize(a, cut);
        (,, uint64 sa) = storageResource.resource(a);
        (uint32 startB, uint32 endB, uint64 sb) = storageResource.resource(b);
        assertEq(uint256(sa) + sb, size);
        assertEq(startB, 1);
        assertEq(endB, 1 + e);
        storageResource.fuse(b, a);
        vm.stopPrank();
        (uint32 start, uint32 end, uint64 fused) = storageResource.resource(b);
        assertEq(fused, size);
        assertEq(start, 1);
        assertEq(end, 1 + e);
        assertEq(storageResource.balanceOf(alice), 1);
    }

    function testFuzz_split_by_epoch_then_fuse_restores_the_period(uint8 epochs, uint8 splitPoint, bool reverse)
        public
    {
        uint32 e = uint32(bound(epochs, 2, 53));
        uint32 splitAt = uint32(bound(splitPoint, 2, e));
        vm.startPrank(alice);
        uint256 a = storageResource.reserve(1 << 20, e, NO_LIMIT); // [1, 1 + e)
        uint256 b = storageResource.splitByEpoch(a, splitAt);
        (uint32 s1, uint32 e1,) = storageResource.resource(a);
        (uint32 s2, uint32 e2,) = storageResource.resource(b);
        assertEq(e1, s2);
        assertEq(s1, 1);
        assertEq(e2, 1 + e);
        if (reverse) storageResource.fuse(b, a);
        else storageResource.fuse(a, b);
        vm.stopPrank();
        (uint32 start, uint32 end, uint64 size) = storageResource.resource(reverse ? b : a);
        assertEq(start, 1);
        assertEq(end, 1 + e);
        assertEq(size, 1 << 20);
    }

    function testFuzz_splits_do_not_change_reserved_capacity(uint64 size, uint8 epochs, uint64 cut) public {
        size = uint64(bound(size, 2, 1 << 40));
        uint32 e = uint32(bound(epochs, 2, 53));
        vm.startPrank(alice);
        uint256 a = storageResource.reserve(size, e, NO_LIMIT);
        uint256 used = system.usedCapacity();
        storageResource.splitBySize(a, uint64(bound(cut, 1, size - 1)));
        storageResource.splitByEpoch(a, 2);
        vm.stopPrank();
        assertEq(system.usedCapacity(), used);
        assertEq(system.usedCapacityAt(e), size);
    }
}
