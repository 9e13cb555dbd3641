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
import {Governance} from "../../src/Governance.sol";

/// @notice Drives a deployment with random but well-formed actions for the invariant tests: stake,
///         withdraw, split and join positions, buy, split and fuse storage, store and certify, extend,
///         delete and invalidate blobs, price votes, governance (propose, vote, queue, execute), slashing
///         with evidence, epochs, and an adversary that replays the attacks of issue 8.
///         Ordinary actions that fail (no capacity, too early, ...) are tolerated. Progress is recorded:
///         an epoch step that the state machine allows but that reverts, a certificate that does not certify
///         a just-registered blob, or an attack that succeeds is counted, and the invariants require zero.
contract WalrusHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    address public constant ADVERSARY = address(0xBAD);

    WAL public wal;
    NodeRegistry public nodeRegistry;
    Staking public staking;
    StakedWal public stakedWal;
    System public system;
    StorageResource public storageResource;
    BlobRegistry public blobRegistry;
    Slashing public slashing;
    Governance public governance;
    address public treasury;
    address public evidenceSource;
    uint256 public nodeCount;
    address[] public actors;
    uint256[] public positions;
    uint256[] public storages;
    uint256[] public blobs;
    uint256[] public proposals;
    mapping(bytes4 selector => uint256) public calls;

    // Progress and attack bookkeeping (the invariants require the failure counters to stay zero).
    uint256 public epochsStarted;
    uint256 public epochStepFailures;
    uint256 public blobsRegistered;
    uint256 public blobsCertified;
    uint256 public certifyFailures;
    uint256 public attacksTried;
    uint256 public attackSuccesses;
    uint256 private _adversaryNodes;

    constructor(WalrusDeployer.Deployment memory d, address treasury_, uint256 nodeCount_, address evidenceSource_) {
        wal = d.wal;
        nodeRegistry = d.nodeRegistry;
        staking = d.staking;
        stakedWal = d.stakedWal;
        system = d.system;
        storageResource = d.storageResource;
        blobRegistry = d.blobRegistry;
        slashing = d.slashing;
        governance = d.governance;
        treasury = treasury_;
        nodeCount = nodeCount_;
        evidenceSource = evidenceSource_;
        actors.push(address(0xAC01));
        actors.push(address(0xAC02));
        actors.push(address(0xAC03));
    }

    // ---------------------------------------------------------------- staking

    function stake(uint256 actorSeed, uint256 nodeSeed, uint256 amount) external {
        address actor = actors[actorSeed % actors.length];
        uint32 nodeId = uint32(1 + nodeSeed % nodeCount);
        amount = 1e9 + amount % (100_000 * 1e9);
        _fund(actor, amount);
        vm.prank(actor);
        try staking.stake(nodeId, amount) returns (uint256 tokenId) {
            positions.push(tokenId);
            ++calls[this.stake.selector];
        } catch {}
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

    function splitPosition(uint256 seed, uint256 amount) external {
        (bool exists, uint256 tokenId, address owner) = _position(seed);
        if (!exists) return;
        vm.prank(owner);
        try staking.splitPosition(tokenId, 1e9 + amount % (50_000 * 1e9)) returns (uint256 part) {
            positions.push(part);
            ++calls[this.splitPosition.selector];
        } catch {}
    }

    function joinPositions(uint256 seedA, uint256 seedB) external {
        (bool a, uint256 tokenA, address ownerA) = _position(seedA);
        (bool b, uint256 tokenB, address ownerB) = _position(seedB);
        if (!a || !b || ownerA != ownerB) return;
        vm.prank(ownerA);
        try staking.joinPositions(tokenA, tokenB) {
            ++calls[this.joinPositions.selector];
        } catch {}
    }

    function collectCommission(uint256 nodeSeed) external {
        uint32 nodeId = uint32(1 + nodeSeed % nodeCount);
        vm.prank(nodeRegistry.nodeOwner(nodeId));
        try staking.collectCommission(nodeId) {
            ++calls[this.collectCommission.selector];
        } catch {}
    }

    /// @notice A committee member changes its price votes (within 4x of the deployment's votes).
    function setVotes(uint256 nodeSeed, uint256 storagePrice, uint256 writePrice) external {
        uint32 nodeId = uint32(1 + nodeSeed % nodeCount);
        vm.prank(nodeRegistry.nodeOwner(nodeId));
        staking.setVotes(nodeId, uint64(250 + storagePrice % 4000), uint64(500 + writePrice % 8000), 1 << 40);
        ++calls[this.setVotes.selector];
    }

    // ---------------------------------------------------------------- storage and blobs

    function buyStorage(uint256 actorSeed, uint256 mib, uint256 epochs) external {
        address actor = actors[actorSeed % actors.length];
        _fund(actor, 1_000_000 * 1e9);
        uint64 size = uint64(1 + mib % 1000) << 20;
        uint32 e = uint32(1 + epochs % 5);
        uint256 quote = system.storageCost(size, e);
        vm.prank(actor);
        try storageResource.reserve(size, e, quote) returns (uint256 tokenId) {
            storages.push(tokenId);
            ++calls[this.buyStorage.selector];
        } catch {}
    }

    function splitOrFuseStorage(uint256 seedA, uint256 seedB, bool split) external {
        if (storages.length == 0) return;
        uint256 a = storages[seedA % storages.length];
        (bool exists, address owner) = _storageOwner(a);
        if (!exists) return;
        vm.startPrank(owner);
        if (split) {
            try storageResource.splitBySize(a, uint64(1 + seedB % (1 << 20))) returns (uint256 part) {
                storages.push(part);
                ++calls[this.splitOrFuseStorage.selector];
            } catch {}
        } else {
            uint256 b = storages[seedB % storages.length];
            try storageResource.fuse(a, b) {
                ++calls[this.splitOrFuseStorage.selector];
            } catch {}
        }
        vm.stopPrank();
    }

    /// @notice Registers a blob and certifies it with the whole current committee: once registered, the
    ///         certificate must be accepted (progress).
    function storeAndCertify(uint256 actorSeed, uint64 size, bool deletable) external {
        address actor = actors[actorSeed % actors.length];
        _fund(actor, 1_000_000 * 1e9);
        BlobRegistry.BlobParams[] memory ps = new BlobRegistry.BlobParams[](1);
        size = size % 100_000;
        bytes32 root = keccak256(abi.encode(size, actorSeed, blobs.length));
        ps[0] = BlobRegistry.BlobParams(blobRegistry.deriveBlobId(1, size, root), root, size, 1, deletable);
        uint256 encoded = blobRegistry.encodedSize(size);
        uint256 quote = system.storageCost(encoded, 3) + system.writeCost(encoded);
        vm.prank(actor);
        try blobRegistry.reserveAndRegisterBlobs(ps, 3, quote) returns (uint256[] memory ids) {
            ++blobsRegistered;
            blobs.push(ids[0]);
            try this.certifyWithEveryone(ids[0], deletable) {
                ++blobsCertified;
            } catch {
                ++certifyFailures;
            }
            ++calls[this.storeAndCertify.selector];
        } catch {}
    }

    function extendBlob(uint256 seed, uint256 epochs) external {
        (bool exists, uint256 objectId, address owner) = _blob(seed);
        if (!exists) return;
        uint32 e = uint32(1 + epochs % 3);
        uint256 quote = system.storageCost(blobRegistry.blob(objectId).storageSize, e);
        vm.prank(owner);
        try blobRegistry.extendBlob(objectId, e, quote) {
            ++calls[this.extendBlob.selector];
        } catch {}
    }

    function deleteBlob(uint256 seed) external {
        (bool exists, uint256 objectId, address owner) = _blob(seed);
        if (!exists) return;
        vm.prank(owner);
        try blobRegistry.deleteBlob(objectId) returns (uint256 storageId) {
            storages.push(storageId);
            ++calls[this.deleteBlob.selector];
        } catch {}
    }

    /// @notice f+1 shards of the current committee attest that a blob id is inconsistent.
    function invalidate(uint256 seed) external {
        (bool exists, uint256 objectId,) = _blob(seed);
        if (!exists) return;
        bytes32 blobId = blobRegistry.blob(objectId).blobId;
        if (blobRegistry.isInvalid(blobId)) return;
        (uint32 epoch,) = system.epochInfo();
        (bytes memory bitmap, bytes memory sigs) = _signers(epoch, blobRegistry.invalidBlobDigest(epoch, blobId), false);
        blobRegistry.invalidateBlobId(epoch, blobId, bitmap, sigs);
        ++calls[this.invalidate.selector];
    }

    // ---------------------------------------------------------------- governance and slashing

    /// @notice A committee member proposes a parameter change; every member votes for it; it is queued.
    function propose(uint256 seed) external {
        (uint32 epoch,) = system.epochInfo();
        (uint32[] memory ids,,) = system.committee(epoch);
        if (ids.length == 0) return;
        uint32 proposer = ids[seed % ids.length];
        uint8 parameter = uint8(seed % 4 == 3 ? 4 : seed % 4); // burn share, epochs ahead, (size), window
        uint256 value = parameter == 0 ? seed % 1000 : parameter == 1 ? 10 + seed % 40 : 600 + seed % 3600;
        if (parameter == 2) value = 6; // the active-set size stays full
        vm.prank(nodeRegistry.nodeOwner(proposer));
        try governance.proposeParameter(proposer, parameter, value) returns (uint256 id) {
            for (uint256 i; i < ids.length; ++i) {
                vm.prank(nodeRegistry.nodeOwner(ids[i]));
                try governance.voteAsNode(id, ids[i], true) {} catch {}
            }
            try governance.queue(id) {
                proposals.push(id);
            } catch {}
            ++calls[this.propose.selector];
        } catch {}
    }

    function executeProposals() external {
        for (uint256 i; i < proposals.length; ++i) {
            try governance.execute(proposals[i]) {
                ++calls[this.executeProposals.selector];
            } catch {}
        }
    }

    /// @notice The evidence source records a failure of a member; the others vote; the slashing runs.
    function slashNode(uint256 seed) external {
        (uint32 epoch,) = system.epochInfo();
        (uint32[] memory ids,,) = system.committee(epoch);
        if (ids.length < 2) return;
        uint32 target = ids[seed % ids.length];
        vm.prank(evidenceSource);
        slashing.recordFailure(target, epoch, 1, keccak256(abi.encode(seed)));
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == target || slashing.hasVoted(epoch, target, ids[i])) continue;
            vm.prank(nodeRegistry.nodeOwner(ids[i]));
            try slashing.voteForSlashing(ids[i], target) {} catch {}
        }
        try slashing.executeSlashing(target) {
            ++calls[this.slashNode.selector];
        } catch {}
    }

    // ---------------------------------------------------------------- epochs (progress)

    /// @notice Runs the epoch cycle until the next epoch's change is done.
    function advanceFullEpoch() external {
        (uint32 start,) = system.epochInfo();
        for (uint256 i; i < 4; ++i) {
            (uint32 epoch, uint8 state) = system.epochInfo();
            if (epoch > start && state == system.STATE_EPOCH_CHANGE_DONE()) break;
            advanceEpoch();
        }
        ++calls[this.advanceFullEpoch.selector];
    }

    /// @notice Takes the next step of the epoch cycle (waiting as long as needed); a step the state
    ///         machine allows must succeed.
    function advanceEpoch() public {
        (uint32 epoch, uint8 state) = system.epochInfo();
        (uint256 votingEndAt, uint256 changeAt) = system.nextTransitionTimes();
        if (state == system.STATE_EPOCH_CHANGE_DONE()) {
            if (block.timestamp < votingEndAt) vm.warp(votingEndAt);
            try system.votingEnd() {}
            catch {
                ++epochStepFailures;
            }
        } else if (state == system.STATE_NEXT_PARAMS_SELECTED()) {
            if (block.timestamp < changeAt) vm.warp(changeAt);
            try system.initiateEpochChange() {
                ++epochsStarted;
            } catch {
                ++epochStepFailures;
            }
        } else {
            (uint32[] memory ids,,) = system.committee(epoch);
            for (uint256 i; i < ids.length; ++i) {
                (, uint8 s) = system.epochInfo();
                if (s != system.STATE_EPOCH_CHANGE_SYNC()) break;
                vm.prank(nodeRegistry.nodeOwner(ids[i]));
                try system.epochSyncDone(ids[i], epoch) {}
                catch {
                    ++epochStepFailures;
                }
            }
        }
        ++calls[this.advanceEpoch.selector];
    }

    // ---------------------------------------------------------------- the adversary

    /// @notice Replays one attack of issue 8; each must fail.
    function attack(uint256 seed) external {
        ++attacksTried;
        uint256 kind = seed % 5;
        if (kind == 0) _attackEviction(seed);
        else if (kind == 1) _attackBareSlashing(seed);
        else if (kind == 2) _attackProposalWithoutStake();
        else if (kind == 3) _attackGouging(seed);
        else _attackExtendInvalid(seed);
    }

    /// @dev Stake on a fresh node and take it back at once: no list entry with more than the smallest
    ///      real stake may be pushed out.
    function _attackEviction(uint256 seed) private {
        (uint32 epoch, uint8 state) = system.epochInfo();
        uint32 target = state == system.STATE_NEXT_PARAMS_SELECTED() ? epoch + 2 : epoch + 1;
        uint32[] memory before = staking.activeSet();
        uint256 minStake = type(uint256).max;
        for (uint256 i; i < before.length; ++i) {
            uint256 s = staking.poolStakeAt(before[i], target);
            if (s < minStake) minStake = s;
        }
        uint32 fresh = _adversaryNode();
        uint256 amount = 1e9 + seed % (5_000_000 * 1e9);
        _fund(ADVERSARY, amount);
        vm.startPrank(ADVERSARY);
        uint256 tokenId = staking.stake(fresh, amount);
        try staking.requestWithdraw(tokenId) {} catch {}
        vm.stopPrank();
        uint32[] memory afterwards = staking.activeSet();
        for (uint256 i; i < before.length; ++i) {
            if (staking.poolStakeAt(before[i], target) <= minStake) continue;
            if (!_contains(afterwards, before[i])) ++attackSuccesses;
        }
    }

    /// @dev Members vote to slash a node nobody recorded a failure of (this epoch or the last).
    function _attackBareSlashing(uint256 seed) private {
        (uint32 epoch,) = system.epochInfo();
        (uint32[] memory ids,,) = system.committee(epoch);
        uint32 target = ids[seed % ids.length];
        if (slashing.failure(target, epoch) != 0 || (epoch > 0 && slashing.failure(target, epoch - 1) != 0)) return;
        uint32 voter = ids[(seed / 7 + 1) % ids.length];
        if (voter == target) return;
        vm.prank(nodeRegistry.nodeOwner(voter));
        try slashing.voteForSlashing(voter, target) {
            ++attackSuccesses;
        } catch {}
        try slashing.executeSlashing(target) {
            ++attackSuccesses;
        } catch {}
    }

    function _attackProposalWithoutStake() private {
        uint32 fresh = _adversaryNode();
        vm.prank(ADVERSARY);
        try governance.proposeUpgrade(fresh, address(staking), address(this)) {
            ++attackSuccesses;
        } catch {}
    }

    /// @dev A buyer's quote is the current price; paying more must be refused.
    function _attackGouging(uint256 seed) private {
        address actor = actors[seed % actors.length];
        _fund(actor, 1_000_000 * 1e9);
        uint256 quote = system.storageCost(1 << 20, 2);
        if (quote == 0) return;
        vm.prank(actor);
        try storageResource.reserve(1 << 20, 2, quote - 1) {
            ++attackSuccesses;
        } catch {}
    }

    function _attackExtendInvalid(uint256 seed) private {
        (bool exists, uint256 objectId, address owner) = _blob(seed);
        if (!exists || !blobRegistry.isInvalid(blobRegistry.blob(objectId).blobId)) return;
        vm.prank(owner);
        try blobRegistry.extendBlob(objectId, 1, type(uint256).max) {
            ++attackSuccesses;
        } catch {}
    }

    // ---------------------------------------------------------------- views for the invariants

    function positionCount() external view returns (uint256) {
        return positions.length;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function blobCount() external view returns (uint256) {
        return blobs.length;
    }

    // ---------------------------------------------------------------- helpers

    /// @notice Certifies with every member of the current committee (external so that a failure is caught).
    function certifyWithEveryone(uint256 objectId, bool deletable) external {
        (uint32 epoch,) = system.epochInfo();
        bytes32 blobId = blobRegistry.blob(objectId).blobId;
        uint8 persistence = deletable ? 1 : 0;
        uint256 confirmed = deletable ? objectId : 0;
        bytes32 digest = blobRegistry.confirmationDigest(epoch, blobId, persistence, confirmed);
        (bytes memory bitmap, bytes memory sigs) = _signers(epoch, digest, true);
        blobRegistry.certifyBlob(objectId, epoch, blobId, persistence, confirmed, bitmap, sigs);
    }

    /// @dev Signatures of every member (strong) or of the first members reaching f+1 shards.
    function _signers(uint32 epoch, bytes32 digest, bool everyone)
        private
        view
        returns (bytes memory bitmap, bytes memory sigs)
    {
        (uint32[] memory ids, uint16[] memory weights,) = system.committee(epoch);
        uint256 n = system.nShards();
        bitmap = new bytes((ids.length + 7) / 8);
        uint256 w;
        for (uint256 i; i < ids.length; ++i) {
            if (!everyone && 3 * w >= n + 1) break;
            w += weights[i];
            bitmap[i / 8] = bytes1(uint8(bitmap[i / 8]) | uint8(1 << (i % 8)));
            // Node k (creation order = node id) signs with key 0x5157_0000 + k (see WalrusTestBase).
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(0x5157_0000 + ids[i], digest);
            sigs = bytes.concat(sigs, r, s, bytes1(v));
        }
    }

    function _adversaryNode() private returns (uint32 nodeId) {
        uint256 key = 0xADE0_0000 + ++_adversaryNodes;
        (uint32 epoch,) = system.epochInfo();
        bytes32 digest = nodeRegistry.proofOfPossessionDigest(epoch, ADVERSARY, vm.addr(key));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        vm.prank(ADVERSARY);
        nodeId = nodeRegistry.registerNode(
            NodeRegistry.NodeRegistration(
                "adversary", "10.0.0.1:9185", vm.addr(key), abi.encodePacked(r, s, v), 0, 1, 1, 1
            )
        );
    }

    function _contains(uint32[] memory set, uint32 id) private pure returns (bool) {
        for (uint256 i; i < set.length; ++i) {
            if (set[i] == id) return true;
        }
        return false;
    }

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

    function _blob(uint256 seed) private view returns (bool, uint256, address) {
        if (blobs.length == 0) return (false, 0, address(0));
        uint256 objectId = blobs[seed % blobs.length];
        try blobRegistry.ownerOf(objectId) returns (address owner) {
            return (true, objectId, owner);
        } catch {
            return (false, 0, address(0));
        }
    }

    function _storageOwner(uint256 tokenId) private view returns (bool, address) {
        try storageResource.ownerOf(tokenId) returns (address owner) {
            return (true, owner);
        } catch {
            return (false, address(0));
        }
    }
}
