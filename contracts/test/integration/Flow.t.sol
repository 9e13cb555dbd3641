// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {BlobRegistry} from "../../src/BlobRegistry.sol";
import {Staking} from "../../src/Staking.sol";

/// @notice The whole life of a deployment: bootstrap, store a blob, epochs with rewards, withdrawal.
contract FlowTest is WalrusTestBase {
    function test_bootstrap_store_certify_reward_withdraw() public {
        uint32[] memory ids = _bootstrap(4);
        assertEq(_currentEpoch(), 1);
        (uint32[] memory members, uint16[] memory weights,) = system.committee(1);
        assertEq(members.length, 4);
        uint256 sum;
        for (uint256 i; i < weights.length; ++i) {
            sum += weights[i];
        }
        assertEq(sum, 10);
        assertEq(system.storagePrice(), STORAGE_PRICE);
        assertEq(system.writePrice(), WRITE_PRICE);
        // Votes are scaled to the whole system (capacity * n / shards): 3-shard nodes say 10/3 TiB,
        // 2-shard nodes 5 TiB; the highest value a quorum (7 of 10 shards) voted at or above is 10/3 TiB.
        assertEq(system.totalCapacity(), uint256(NODE_CAPACITY) * 10 / 3);

        uint256 objectId = _newBlob(alice, 1000, keccak256("root"), false, 3);
        _certifyBlob(objectId);
        (bool certified, uint32 endEpoch) = blobRegistry.isCertified(objectId);
        assertTrue(certified);
        assertEq(endEpoch, 4);

        uint256 income = system.currentEpochIncome();
        assertGt(income, 0);
        _nextEpoch();
        assertEq(_currentEpoch(), 2);
        Staking.PoolView memory p = staking.poolInfo(ids[0]);
        assertGt(p.activeStake + p.lockedCommission, 1_000_000 * WAL_UNIT);

        // Withdraw the first node's stake: the node stays in the committee of epoch 2, so E+1.
        uint256 tokenId = 1;
        address owner = nodeRegistry.nodeOwner(ids[0]);
        vm.prank(owner);
        (uint32 withdrawEpoch, uint256 paid) = staking.requestWithdraw(tokenId);
        assertEq(paid, 0);
        assertEq(withdrawEpoch, 3);
        _nextEpoch();
        vm.prank(owner);
        uint256 amount = staking.withdraw(tokenId);
        assertGt(amount, 1_000_000 * WAL_UNIT);
        assertEq(wal.balanceOf(owner), amount);
        assertEq(wal.totalSupply() + system.totalBurned() + staking.totalBurned(), wal.INITIAL_SUPPLY());
    }
}
