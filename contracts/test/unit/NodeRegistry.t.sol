// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WalrusTestBase} from "../base/WalrusTestBase.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {Staking} from "../../src/Staking.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

contract NodeRegistryTest is WalrusTestBase {
    event NodeRegistered(
        uint32 indexed nodeId,
        address indexed owner,
        address signingKey,
        string name,
        string networkAddress,
        uint16 commissionBps
    );

    function test_registerNode_stores_identity_and_creates_pool() public {
        NodeRegistry.NodeRegistration memory r = _registration(1);
        vm.expectEmit(address(nodeRegistry));
        emit NodeRegistered(1, _ownerFor(1), r.signingKey, r.name, r.networkAddress, r.commissionBps);
        vm.prank(_ownerFor(1));
        uint32 id = nodeRegistry.registerNode(r);
        assertEq(id, 1);
        assertEq(nodeRegistry.nodeCount(), 1);
        NodeRegistry.NodeInfo memory info = nodeRegistry.node(id);
        assertEq(info.owner, _ownerFor(1));
        assertEq(info.signingKey, r.signingKey);
        assertEq(info.name, "node-1");
        assertEq(info.networkAddress, "127.0.0.1:9186");
        assertEq(nodeRegistry.nodeBySigningKey(r.signingKey), 1);
        Staking.PoolView memory p = staking.poolInfo(id);
        assertEq(p.commissionBps, 1000);
        assertEq(p.storagePriceVote, STORAGE_PRICE);
        assertEq(p.capacityVote, NODE_CAPACITY);
    }

    function test_registerNode_reverts_on_bad_name() public {
        NodeRegistry.NodeRegistration memory r = _registration(1);
        r.name = "";
        vm.prank(_ownerFor(1));
        vm.expectRevert(NodeRegistry.NodeRegistryInvalidName.selector);
        nodeRegistry.registerNode(r);
        r.name = string(new bytes(101));
        vm.prank(_ownerFor(1));
        vm.expectRevert(NodeRegistry.NodeRegistryInvalidName.selector);
        nodeRegistry.registerNode(r);
    }

    function test_registerNode_reverts_on_bad_network_address() public {
        NodeRegistry.NodeRegistration memory r = _registration(1);
        r.networkAddress = string(new bytes(260));
        vm.prank(_ownerFor(1));
        vm.expectRevert(NodeRegistry.NodeRegistryInvalidNetworkAddress.selector);
        nodeRegistry.registerNode(r);
    }

    function test_registerNode_reverts_on_zero_signing_key() public {
        NodeRegistry.NodeRegistration memory r = _registration(1);
        r.signingKey = address(0);
        vm.prank(_ownerFor(1));
        vm.expectRevert(NodeRegistry.NodeRegistryZeroSigningKey.selector);
        nodeRegistry.registerNode(r);
    }

    function test_registerNode_reverts_when_key_is_taken() public {
        _registerNode();
        NodeRegistry.NodeRegistration memory r = _registration(1);
        r.proofOfPossession = _pop(_signingKeyFor(1), _ownerFor(2));
        vm.prank(_ownerFor(2));
        vm.expectRevert(abi.encodeWithSelector(NodeRegistry.NodeRegistrySigningKeyInUse.selector, r.signingKey));
        nodeRegistry.registerNode(r);
    }

    function test_registerNode_reverts_on_proof_for_another_owner() public {
        NodeRegistry.NodeRegistration memory r = _registration(1);
        vm.prank(_ownerFor(2)); // the proof names owner 1
        vm.expectRevert(NodeRegistry.NodeRegistryInvalidProofOfPossession.selector);
        nodeRegistry.registerNode(r);
    }

    function test_registerNode_reverts_on_proof_by_another_key() public {
        NodeRegistry.NodeRegistration memory r = _registration(1);
        r.proofOfPossession =
            _sign(_signingKeyFor(9), nodeRegistry.proofOfPossessionDigest(0, _ownerFor(1), r.signingKey));
        vm.prank(_ownerFor(1));
        vm.expectRevert(NodeRegistry.NodeRegistryInvalidProofOfPossession.selector);
        nodeRegistry.registerNode(r);
    }

    function test_registerNode_reverts_on_proof_for_another_epoch() public {
        NodeRegistry.NodeRegistration memory r = _registration(1);
        r.proofOfPossession =
            _sign(_signingKeyFor(1), nodeRegistry.proofOfPossessionDigest(7, _ownerFor(1), r.signingKey));
        vm.prank(_ownerFor(1));
        vm.expectRevert(NodeRegistry.NodeRegistryInvalidProofOfPossession.selector);
        nodeRegistry.registerNode(r);
    }

    function test_registerNode_reverts_on_commission_above_100_percent() public {
        NodeRegistry.NodeRegistration memory r = _registration(1);
        r.commissionBps = 10_001;
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(Staking.StakingInvalidCommission.selector, uint16(10_001)));
        nodeRegistry.registerNode(r);
    }

    function test_setNodeMetadata_updates_and_checks() public {
        uint32 id = _registerNode();
        vm.prank(_ownerFor(1));
        nodeRegistry.setNodeMetadata(id, "renamed", "10.0.0.1:9185");
        assertEq(nodeRegistry.node(id).name, "renamed");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(NodeRegistry.NodeRegistryNotNodeOwner.selector, id));
        nodeRegistry.setNodeMetadata(id, "x", "y");
        vm.prank(_ownerFor(1));
        vm.expectRevert(NodeRegistry.NodeRegistryInvalidNetworkAddress.selector);
        nodeRegistry.setNodeMetadata(id, "x", "");
        vm.expectRevert(abi.encodeWithSelector(NodeRegistry.NodeRegistryUnknownNode.selector, uint32(9)));
        nodeRegistry.setNodeMetadata(9, "x", "y");
    }

    function test_setSigningKey_rotates_with_a_new_proof() public {
        uint32 id = _registerNode();
        uint256 newKey = 0xBEEF;
        address owner = _ownerFor(1);
        bytes memory pop = _pop(newKey, owner);
        vm.prank(owner);
        nodeRegistry.setSigningKey(id, vm.addr(newKey), pop);
        assertEq(nodeRegistry.nodeSigningKey(id), vm.addr(newKey));
        assertEq(nodeRegistry.nodeBySigningKey(vm.addr(newKey)), id);
        assertEq(nodeRegistry.nodeBySigningKey(vm.addr(_signingKeyFor(1))), 0);
    }

    function test_setSigningKey_reverts_on_bad_proof_or_stranger() public {
        uint32 id = _registerNode();
        bytes memory pop = _pop(0xBEEF, _ownerFor(1));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(NodeRegistry.NodeRegistryNotNodeOwner.selector, id));
        nodeRegistry.setSigningKey(id, vm.addr(0xBEEF), pop);
        vm.prank(_ownerFor(1));
        vm.expectRevert(NodeRegistry.NodeRegistryInvalidProofOfPossession.selector);
        nodeRegistry.setSigningKey(id, vm.addr(0xCAFE), pop);
    }

    function test_setNodeOwner_hands_over_the_node() public {
        uint32 id = _registerNode();
        vm.prank(_ownerFor(1));
        nodeRegistry.setNodeOwner(id, alice);
        assertEq(nodeRegistry.nodeOwner(id), alice);
        vm.prank(alice);
        vm.expectRevert(NodeRegistry.NodeRegistryZeroAddress.selector);
        nodeRegistry.setNodeOwner(id, address(0));
        vm.prank(_ownerFor(1));
        vm.expectRevert(abi.encodeWithSelector(NodeRegistry.NodeRegistryNotNodeOwner.selector, id));
        nodeRegistry.setNodeOwner(id, bob);
    }

    function test_views_of_unknown_nodes() public {
        assertEq(nodeRegistry.nodeOwner(5), address(0));
        vm.expectRevert(abi.encodeWithSelector(NodeRegistry.NodeRegistryUnknownNode.selector, uint32(5)));
        nodeRegistry.node(5);
        uint32 id = _registerNode();
        uint32[] memory ids = new uint32[](2);
        (ids[0], ids[1]) = (id, 5);
        address[] memory keys = nodeRegistry.signingKeys(ids);
        assertEq(keys[0], vm.addr(_signingKeyFor(1)));
        assertEq(keys[1], address(0));
    }

    function test_createPool_only_from_the_registry() public {
        vm.expectRevert(Staking.StakingNotNodeRegistry.selector);
        staking.createPool(1, 0, 0, 0, 0);
    }

    function test_upgrade_reverts_unless_governance() public {
        address impl = address(new NodeRegistry());
        vm.expectRevert(NodeRegistry.NodeRegistryNotGovernance.selector);
        UUPSUpgradeable(address(nodeRegistry)).upgradeToAndCall(impl, "");
    }

    function test_deny_list_hook_is_per_node_and_owner_only() public {
        uint32 id = _registerNode();
        uint32 other = _registerNode();
        bytes32 blobId = keccak256("denied");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(NodeRegistry.NodeRegistryNotNodeOwner.selector, id));
        nodeRegistry.setBlobDenied(id, blobId, true);
        vm.expectEmit(address(nodeRegistry));
        emit NodeRegistry.BlobDenyListUpdated(id, blobId, true);
        vm.prank(_ownerFor(id));
        nodeRegistry.setBlobDenied(id, blobId, true);
        assertTrue(nodeRegistry.isBlobDenied(id, blobId));
        assertFalse(nodeRegistry.isBlobDenied(other, blobId));
        vm.prank(_ownerFor(id));
        nodeRegistry.setBlobDenied(id, blobId, false);
        assertFalse(nodeRegistry.isBlobDenied(id, blobId));
    }

    function test_deregisterNode_is_owner_only_and_once() public {
        uint32 id = _registerNode();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(NodeRegistry.NodeRegistryNotNodeOwner.selector, id));
        nodeRegistry.deregisterNode(id);
        vm.prank(_ownerFor(id));
        nodeRegistry.deregisterNode(id);
        assertTrue(nodeRegistry.isDeregistered(id));
        vm.prank(_ownerFor(id));
        vm.expectRevert(abi.encodeWithSelector(NodeRegistry.NodeRegistryDeregistered.selector, id));
        nodeRegistry.deregisterNode(id);
    }

    function test_initialize_cannot_run_twice() public {
        vm.expectRevert(bytes4(keccak256("InvalidInitialization()")));
        nodeRegistry.initialize(directory);
    }
}
