// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Vm} from "../base/Vm.sol";
import {WalrusDeployer} from "../../script/WalrusDeployer.sol";
import {WAL} from "../../src/WAL.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {Staking} from "../../src/Staking.sol";
import {StakedWal} from "../../src/StakedWal.sol";
import {System} from "../../src/System.sol";
import {StorageResource} from "../../src/StorageResource.sol";
import {BlobRegistry} from "../../src/BlobRegistry.sol";
import {Slashing} from "../../src/Slashing.sol";

/// @notice Drives a deployment with random but well-formed actions for the invariant tests: stake,
///         withdraw, buy storage, store and certify blobs, move through epochs, slash, collect commission.
///         Failing actions (e.g. no capacity left) are tolerated; the invariants are checked after each call.
contract WalrusHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    WAL public wal;
    NodeRegistry public nodeRegistry;
    Staking public staking;
    StakedWal public stakedWal;
    System public system;
    StorageResource public storageResource;
    BlobRegistry public blobRegistry;
    Slashing public slashing;
    address public treasury;
    uint256 public nodeCount;
    address[] public actors;
    uint256[] public positions;
    mapping(bytes4 selector => uint256) public calls;

    constructor(WalrusDeployer.Deployment memory d, address treasury_, uint256 nodeCount_, uint256 bootstrapPositions) {
        wal = d.wal;
        nodeRegistry = d.nodeRegistry;
        staking = d.staking;
        stakedWal = d.stakedWal;
        system = d.system;
        storageResource = d.storageResource;
        blobRegistry = d.blobRegistry;
        slashing = d.slashing;
        treasury = treasury_;
        nodeCount = nodeCount_;
        actors.push(address(0xAC01));
        actors.push(address(0xAC02));
        actors.push(address(0xAC03));
        for (uint256 i = 1; i <= bootstrapPositions; ++i) {
            positions.push(i);
        }
    }

    // ---------------------------------------------------------------- actions

    function stake(uint256 actorSeed, uint256 nodeSeed, uint256 amount) external {
        address actor = actors[actorSeed % actors.length];
        uint32 nodeId = uint32(1 + nodeSeed % nodeCount);
        amount = 1e9 + amount % (100_000 * 1e9);
        _fund(actor, amount);
        vm.prank(actor);
        positions.push(staking.stake(nodeId, amount));
        ++calls[this.stake.selector];
    }

    function requestWithdraw(uint256 seed) external {
        (bool exists, uint256 tokenId, address owner) = _position(seed);
        if (!exists) return;
        vm.prank(owner);
        try staking.requestWithdraw(tokenId) {
            ++calls[this.requestWithdraw.selector];
        } catch {}
    }

    function withdraw(uint256 seed) external {
        (bool exists, uint256 tokenId, address owner) = _position(seed);
        if (!exists) return;
        vm.prank(owner);
        try staking.withdraw(tokenId) {
            ++calls[this.withdraw.selector];
        } catch {}
    }

    function buyStorage(uint256 actorSeed, uint256 mib, uint256 epochs) external {
        address actor = actors[actorSeed % actors.length];
        _fund(actor, 1_000_000 * 1e9);
        vm.prank(actor);
        try storageResource.reserve(uint64(1 + mib % 1000) << 20, uint32(1 + epochs % 5), type(uint256).max) {
            ++calls[this.buyStorage.selector];
        } catch {}
    }

    function storeAndCertify(uint256 actorSeed, uint64 size, bool deletable) external {
        address actor = actors[actorSeed % actors.length];
        _fund(actor, 1_000_000 * 1e9);
        BlobRegistry.BlobParams[] memory ps = new BlobRegistry.BlobParams[](1);
        size = size % 100_000;
        bytes32 root = keccak256(abi.encode(size, actorSeed));
        ps[0] = BlobRegistry.BlobParams(blobRegistry.deriveBlobId(1, size, root), root, size, 1, deletable);
        vm.prank(actor);
        try blobRegistry.reserveAndRegisterBlobs(ps, 2, type(uint256).max) returns (uint256[] memory ids) {
            _certifyWithEveryone(ids[0], deletable);
            ++calls[this.storeAndCertify.selector];
        } catch {}
    }

    /// @notice Runs the epoch cycle until the next epoch's change is done.
    function advanceFullEpoch() external {
        (uint32 start,) = system.epochInfo();
        for (uint256 i; i < 4; ++i) {
            (uint32 epoch, uint8 state) = system.epochInfo();
            if (epoch > start && state == system.STATE_EPOCH_CHANGE_DONE()) break;
            this.advanceEpoch();
        }
        ++calls[this.advanceFullEpoch.selector];
    }

    /// @notice Takes the next step of the epoch cycle (waiting as long as needed).
    function advanceEpoch() public {
        (uint32 epoch, uint8 state) = system.epochInfo();
        (uint256 votingEndAt, uint256 changeAt) = system.nextTransitionTimes();
        if (state == system.STATE_EPOCH_CHANGE_DONE()) {
            if (block.timestamp < votingEndAt) vm.warp(votingEndAt);
            try system.votingEnd() {} catch {}
        } else if (state == system.STATE_NEXT_PARAMS_SELECTED()) {
            if (block.timestamp < changeAt) vm.warp(changeAt);
            system.initiateEpochChange();
        } else {
            (uint32[] memory ids,,) = system.committee(epoch);
            for (uint256 i; i < ids.length; ++i) {
                (, uint8 s) = system.epochInfo();
                if (s != system.STATE_EPOCH_CHANGE_SYNC()) break;
                vm.prank(nodeRegistry.nodeOwner(ids[i]));
                system.epochSyncDone(ids[i], epoch);
            }
        }
        ++calls[this.advanceEpoch.selector];
    }

    function slashNode(uint256 seed) external {
        (uint32 epoch,) = system.epochInfo();
        (uint32[] memory ids,,) = system.committee(epoch);
        if (ids.length < 2) return;
        uint32 target = ids[seed % ids.length];
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == target || slashing.hasVoted(epoch, target, ids[i])) continue;
            vm.prank(nodeRegistry.nodeOwner(ids[i]));
            try slashing.voteForSlashing(ids[i], target) {} catch {}
        }
        try slashing.executeSlashing(target) {
            ++calls[this.slashNode.selector];
        } catch {}
    }

    function collectCommission(uint256 nodeSeed) external {
        uint32 nodeId = uint32(1 + nodeSeed % nodeCount);
        vm.prank(nodeRegistry.nodeOwner(nodeId));
        try staking.collectCommission(nodeId) {
            ++calls[this.collectCommission.selector];
        } catch {}
    }

    // ---------------------------------------------------------------- views for the invariants

    function positionCount() external view returns (uint256) {
        return positions.length;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    // ---------------------------------------------------------------- helpers

    function _fund(address to, uint256 amount) private {
        vm.prank(treasury);
        wal.transfer(to, amount);
        vm.startPrank(to);
        wal.approve(address(staking), type(uint256).max);
        wal.approve(address(system), type(uint256).max);
        vm.stopPrank();
    }

    function _position(uint256 seed) private view returns (bool, uint256, address) {
        if (positions.length == 0) return (false, 0, address(0));
        uint256 tokenId = positions[seed % positions.length];
        try stakedWal.ownerOf(tokenId) returns (address owner) {
            return (true, tokenId, owner);
        } catch {
            return (false, 0, address(0));
        }
    }

    function _certifyWithEveryone(uint256 objectId, bool deletable) private {
        (uint32 epoch,) = system.epochInfo();
        (uint32[] memory ids,,) = system.committee(epoch);
        bytes32 blobId = blobRegistry.blob(objectId).blobId;
        uint8 persistence = deletable ? 1 : 0;
        uint256 confirmed = deletable ? objectId : 0;
        bytes32 digest = blobRegistry.confirmationDigest(epoch, blobId, persistence, confirmed);
        bytes memory bitmap = new bytes((ids.length + 7) / 8);
        bytes memory sigs;
        for (uint256 i; i < ids.length; ++i) {
            bitmap[i / 8] = bytes1(uint8(bitmap[i / 8]) | uint8(1 << (i % 8)));
            // Node k (creation order = node id) signs with key 0x5157_0000 + k (see WalrusTestBase).
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(0x5157_0000 + ids[i], digest);
            sigs = bytes.concat(sigs, r, s, bytes1(v));
        }
        blobRegistry.certifyBlob(objectId, epoch, blobId, persistence, confirmed, bitmap, sigs);
    }
}
