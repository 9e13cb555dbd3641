// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {IDirectory} from "../../src/interfaces/IDirectory.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {Staking} from "../../src/Staking.sol";
import {StakedWal} from "../../src/StakedWal.sol";
import {System} from "../../src/System.sol";
import {StorageResource} from "../../src/StorageResource.sol";
import {BlobRegistry} from "../../src/BlobRegistry.sol";
import {Slashing} from "../../src/Slashing.sol";
import {Governance} from "../../src/Governance.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Initializers reject bad arguments and run once; leftover error paths and views.
contract InitializationTest is WalrusTestBase {
    IDirectory internal constant NO_DIRECTORY = IDirectory(address(0));

    function _newProxy(address impl, bytes memory init) private returns (address) {
        return address(new ERC1967Proxy(impl, init));
    }

    function test_initializers_reject_a_zero_directory() public {
        address registryImpl = address(new NodeRegistry());
        address stakingImpl = address(new Staking());
        address stakedImpl = address(new StakedWal());
        address systemImpl = address(new System());
        address storageImpl = address(new StorageResource());
        address blobImpl = address(new BlobRegistry());
        address slashingImpl = address(new Slashing());
        address governanceImpl = address(new Governance());
        vm.expectRevert(NodeRegistry.NodeRegistryZeroAddress.selector);
        _newProxy(registryImpl, abi.encodeCall(NodeRegistry.initialize, (NO_DIRECTORY)));
        vm.expectRevert(Staking.StakingZeroAddress.selector);
        _newProxy(stakingImpl, abi.encodeCall(Staking.initialize, (NO_DIRECTORY, 10)));
        vm.expectRevert(StakedWal.StakedWalZeroAddress.selector);
        _newProxy(stakedImpl, abi.encodeCall(StakedWal.initialize, (NO_DIRECTORY)));
        vm.expectRevert(System.SystemZeroAddress.selector);
        _newProxy(
            systemImpl, abi.encodeCall(System.initialize, (NO_DIRECTORY, System.Config(60, 10, 0, 53, 300, 4, 1e15)))
        );
        vm.expectRevert(StorageResource.StorageResourceZeroAddress.selector);
        _newProxy(storageImpl, abi.encodeCall(StorageResource.initialize, (NO_DIRECTORY)));
        vm.expectRevert(BlobRegistry.BlobRegistryZeroAddress.selector);
        _newProxy(blobImpl, abi.encodeCall(BlobRegistry.initialize, (NO_DIRECTORY)));
        vm.expectRevert(Slashing.SlashingZeroAddress.selector);
        _newProxy(slashingImpl, abi.encodeCall(Slashing.initialize, (NO_DIRECTORY, 100)));
        vm.expectRevert(Governance.GovernanceZeroAddress.selector);
        _newProxy(governanceImpl, abi.encodeCall(Governance.initialize, (NO_DIRECTORY, 60)));
    }

    function test_initializers_reject_out_of_range_parameters() public {
        IDirectory dir = IDirectory(address(directory));
        address stakingImpl = address(new Staking());
        address slashingImpl = address(new Slashing());
        address governanceImpl = address(new Governance());
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingInvalidActiveSetSize.selector, uint16(0)));
        _newProxy(stakingImpl, abi.encodeCall(Staking.initialize, (dir, 0)));
        vm.expectRevert(abi.encodeWithSelector(Slashing.SlashingInvalidFraction.selector, uint16(9001)));
        _newProxy(slashingImpl, abi.encodeCall(Slashing.initialize, (dir, 9001)));
        vm.expectRevert(abi.encodeWithSelector(Governance.GovernanceInvalidValue.selector, uint8(4), uint256(0)));
        _newProxy(governanceImpl, abi.encodeCall(Governance.initialize, (dir, 0)));
    }

    function test_implementations_cannot_be_initialized_directly() public {
        Staking impl = new Staking();
        vm.expectRevert(bytes4(keccak256("InvalidInitialization()")));
        impl.initialize(IDirectory(address(directory)), 10);
    }

    function test_createPool_rejects_an_existing_pool() public {
        uint32 id = _registerNode();
        vm.prank(address(nodeRegistry));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingPoolExists.selector, id));
        staking.createPool(id, 0, 0, 0, 0);
    }

    function test_staking_checks_wal_transfer_results() public {
        _bootstrap(4);
        _newBlob(alice, 1000, keccak256("r"), false, 3);
        _nextEpoch();
        _votingEnd(); // commission unlocked
        vm.mockCall(address(wal), abi.encodeWithSelector(IERC20.transfer.selector), abi.encode(false));
        vm.prank(_ownerFor(1));
        vm.expectRevert(Staking.StakingTransferFailed.selector);
        staking.collectCommission(1);
        vm.clearMockedCalls();
    }

    function test_epoch_state_votes_and_voting_stake_views() public {
        _bootstrap(4);
        (uint32 epoch, uint8 state, uint64 ts, uint16 synced) = system.epochState();
        assertEq(epoch, 1);
        assertEq(state, 1);
        assertEq(ts, block.timestamp);
        assertEq(synced, 0);
        uint32[] memory ids = new uint32[](2);
        (ids[0], ids[1]) = (1, 2);
        (uint256[] memory storagePrices, uint256[] memory writePrices, uint256[] memory capacities) =
            staking.nodeVotes(ids);
        assertEq(storagePrices[1], STORAGE_PRICE);
        assertEq(writePrices[0], WRITE_PRICE);
        assertEq(capacities[0], NODE_CAPACITY);
        (uint32 nodeId, uint256 stake, uint64 createdAt) = staking.positionVotingStake(1);
        assertEq(createdAt, START_TIME);
        assertEq(nodeId, 1);
        assertEq(stake, 1_000_000 * WAL_UNIT);
        (nodeId, stake,) = staking.positionVotingStake(999);
        assertEq(nodeId, 0);
        assertEq(stake, 0);
    }
}
