// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {TestBase} from "./TestBase.sol";
import {WalrusDeployer} from "../../script/WalrusDeployer.sol";
import {WAL} from "../../src/WAL.sol";
import {Directory} from "../../src/Directory.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {Staking} from "../../src/Staking.sol";
import {StakedWal} from "../../src/StakedWal.sol";
import {System} from "../../src/System.sol";
import {StorageResource} from "../../src/StorageResource.sol";
import {BlobRegistry} from "../../src/BlobRegistry.sol";
import {Slashing} from "../../src/Slashing.sol";
import {Governance} from "../../src/Governance.sol";

/// @notice The deploy-everything base every Walrus.NET forge test inherits: deploys the whole control
///         plane exactly as script/Deploy.s.sol does, and offers fixed keys and helpers for nodes, stake,
///         epochs, certificates and blobs.
abstract contract WalrusTestBase is TestBase, WalrusDeployer {
    uint256 internal constant WAL_UNIT = 1e9;
    uint64 internal constant EPOCH_DURATION = 1 hours;
    uint64 internal constant STORAGE_PRICE = 1000; // FROST per MiB per epoch
    uint64 internal constant WRITE_PRICE = 2000; // FROST per MiB
    uint64 internal constant NODE_CAPACITY = 1 << 40; // 1 TiB per node
    uint256 internal constant START_TIME = 1_700_000_000;
    uint256 internal constant NO_LIMIT = type(uint256).max; // maxCost when a test is not about it

    address internal treasury = address(0x7EA5);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);

    Deployment internal d;
    WAL internal wal;
    Directory internal directory;
    NodeRegistry internal nodeRegistry;
    Staking internal staking;
    StakedWal internal stakedWal;
    System internal system;
    StorageResource internal storageResource;
    BlobRegistry internal blobRegistry;
    Slashing internal slashing;
    Governance internal governance;

    mapping(uint32 nodeId => uint256 key) internal signingKeyOf;
    uint256 internal nodesCreated;

    /// @dev Shard count of the deployment; override for other sizes.
    function _shardCount() internal pure virtual returns (uint16) {
        return 10;
    }

    /// @dev Deployment parameters; override to change more than the shard count.
    function _deployConfig() internal view virtual returns (DeployConfig memory c) {
        c = _defaultConfig(treasury, EPOCH_DURATION, _shardCount());
        c.firstEpochStart = uint64(block.timestamp);
    }

    function setUp() public virtual {
        vm.warp(START_TIME);
        d = _deployAll(_deployConfig());
        wal = d.wal;
        directory = d.directory;
        nodeRegistry = d.nodeRegistry;
        staking = d.staking;
        stakedWal = d.stakedWal;
        system = d.system;
        storageResource = d.storageResource;
        blobRegistry = d.blobRegistry;
        slashing = d.slashing;
        governance = d.governance;
        vm.label(address(wal), "WAL");
        vm.label(address(directory), "Directory");
        vm.label(address(nodeRegistry), "NodeRegistry");
        vm.label(address(staking), "Staking");
        vm.label(address(stakedWal), "StakedWal");
        vm.label(address(system), "System");
        vm.label(address(storageResource), "StorageResource");
        vm.label(address(blobRegistry), "BlobRegistry");
        vm.label(address(slashing), "Slashing");
        vm.label(address(governance), "Governance");
    }

    // ================================================================ WAL

    /// @dev Gives `to` `amount` FROST from the treasury.
    function _fund(address to, uint256 amount) internal {
        vm.prank(treasury);
        wal.transfer(to, amount);
    }

    /// @dev Funds `who` and approves the System (payments) and Staking (stake) contracts.
    function _fundAndApprove(address who, uint256 amount) internal {
        _fund(who, amount);
        vm.startPrank(who);
        wal.approve(address(system), type(uint256).max);
        wal.approve(address(staking), type(uint256).max);
        vm.stopPrank();
    }

    // ================================================================ nodes

    /// @dev Fixed keys: node number k (1-based creation order) signs with key 0x5157_0000 + k and is owned
    ///      by address 0x0A_0000 + k.
    function _signingKeyFor(uint256 k) internal pure returns (uint256) {
        return 0x5157_0000 + k;
    }

    function _ownerFor(uint256 k) internal pure returns (address) {
        return address(uint160(0x0A_0000 + k));
    }

    function _pop(uint256 key, address owner) internal view returns (bytes memory) {
        (uint32 epoch,) = system.epochInfo();
        bytes32 digest = nodeRegistry.proofOfPossessionDigest(epoch, owner, vm.addr(key));
        return _sign(key, digest);
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _registration(uint256 k) internal view returns (NodeRegistry.NodeRegistration memory) {
        uint256 key = _signingKeyFor(k);
        return NodeRegistry.NodeRegistration({
            name: string.concat("node-", vm.toString(k)),
            networkAddress: string.concat("127.0.0.1:", vm.toString(9185 + k)),
            signingKey: vm.addr(key),
            proofOfPossession: _pop(key, _ownerFor(k)),
            commissionBps: 1000,
            storagePriceVote: STORAGE_PRICE,
            writePriceVote: WRITE_PRICE,
            capacityVote: NODE_CAPACITY
        });
    }

    /// @dev Registers the next fixed node; returns its id.
    function _registerNode() internal returns (uint32 nodeId) {
        uint256 k = ++nodesCreated;
        NodeRegistry.NodeRegistration memory r = _registration(k);
        vm.prank(_ownerFor(k));
        nodeId = nodeRegistry.registerNode(r);
        signingKeyOf[nodeId] = _signingKeyFor(k);
    }

    /// @dev Stakes `amount` FROST from `staker` (funded here) with `nodeId`.
    function _stake(address staker, uint32 nodeId, uint256 amount) internal returns (uint256 tokenId) {
        _fundAndApprove(staker, amount);
        vm.prank(staker);
        tokenId = staking.stake(nodeId, amount);
    }

    /// @dev Registers `count` nodes and stakes `stakeOf(i)` with each from its owner.
    function _setupNodes(uint256 count, uint256 stakeEach) internal returns (uint32[] memory ids) {
        ids = new uint32[](count);
        for (uint256 i; i < count; ++i) {
            ids[i] = _registerNode();
            _stake(nodeRegistry.nodeOwner(ids[i]), ids[i], stakeEach);
        }
    }

    /// @dev Bootstraps epoch 1 with `count` equally staked nodes.
    function _bootstrap(uint256 count) internal returns (uint32[] memory ids) {
        ids = _setupNodes(count, 1_000_000 * WAL_UNIT);
        system.votingEnd();
        system.initiateEpochChange();
    }

    // ================================================================ epochs

    /// @dev From the EpochChangeDone state: waits, ends voting, waits, starts the epoch change, and
    ///      lets every member attest sync.
    function _nextEpoch() internal {
        _votingEnd();
        _initiateEpochChange();
        _syncAll();
    }

    function _votingEnd() internal {
        (uint256 votingEndAt,) = system.nextTransitionTimes();
        if (block.timestamp < votingEndAt) vm.warp(votingEndAt);
        system.votingEnd();
    }

    function _initiateEpochChange() internal {
        (, uint256 changeAt) = system.nextTransitionTimes();
        if (block.timestamp < changeAt) vm.warp(changeAt);
        system.initiateEpochChange();
    }

    function _syncAll() internal {
        (uint32 epoch, uint8 state) = system.epochInfo();
        if (state != system.STATE_EPOCH_CHANGE_SYNC()) return;
        (uint32[] memory ids,,) = system.committee(epoch);
        for (uint256 i; i < ids.length; ++i) {
            (, uint8 s) = system.epochInfo();
            if (s != system.STATE_EPOCH_CHANGE_SYNC()) break;
            vm.prank(nodeRegistry.nodeOwner(ids[i]));
            system.epochSyncDone(ids[i], epoch);
        }
    }

    function _currentEpoch() internal view returns (uint32 epoch) {
        (epoch,) = system.epochInfo();
    }

    // ================================================================ certificates

    /// @dev A certificate by the committee members at `indices` (ascending) of `epoch`'s committee.
    function _certificate(uint32 epoch, bytes32 digest, uint256[] memory indices)
        internal
        view
        returns (bytes memory bitmap, bytes memory signatures)
    {
        (uint32[] memory ids,,) = system.committee(epoch);
        bitmap = new bytes((ids.length + 7) / 8);
        for (uint256 j; j < indices.length; ++j) {
            uint256 i = indices[j];
            bitmap[i / 8] = bytes1(uint8(bitmap[i / 8]) | uint8(1 << (i % 8)));
            signatures = bytes.concat(signatures, _sign(signingKeyOf[ids[i]], digest));
        }
    }

    /// @dev The first committee members (in order) whose shards reach 3w >= 2n+1 (strong) or 3w >= n+1.
    function _quorumIndices(uint32 epoch, bool strong) internal view returns (uint256[] memory indices) {
        (, uint16[] memory weights,) = system.committee(epoch);
        uint256 n = system.nShards();
        uint256 w;
        uint256 count;
        while (strong ? 3 * w < 2 * n + 1 : 3 * w < n + 1) {
            w += weights[count];
            ++count;
        }
        indices = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            indices[i] = i;
        }
    }

    function _range(uint256 from, uint256 to) internal pure returns (uint256[] memory r) {
        r = new uint256[](to - from);
        for (uint256 i; i < r.length; ++i) {
            r[i] = from + i;
        }
    }

    // ================================================================ governance

    /// @dev Node 1 proposes (it is in every test committee and holds far more than the threshold).
    function _proposeParameter(uint8 parameter, uint256 value) internal returns (uint256) {
        vm.prank(_ownerFor(1));
        return governance.proposeParameter(1, parameter, value);
    }

    function _proposeUpgrade(address target, address implementation) internal returns (uint256) {
        vm.prank(_ownerFor(1));
        return governance.proposeUpgrade(1, target, implementation);
    }

    /// @dev Has every current committee node vote for proposal `id`, queues it, lets the timelock pass
    ///      (TIMELOCK_EPOCHS epoch changes) and executes it.
    function _voteAllAndExecute(uint256 id) internal {
        (uint32[] memory ids,,) = system.committee(_currentEpoch());
        for (uint256 i; i < ids.length; ++i) {
            vm.prank(nodeRegistry.nodeOwner(ids[i]));
            governance.voteAsNode(id, ids[i], true);
        }
        governance.queue(id);
        for (uint256 i; i < governance.TIMELOCK_EPOCHS(); ++i) {
            _nextEpoch();
        }
        governance.execute(id);
    }

    /// @dev Proposes, passes and executes a parameter change.
    function _passParameter(uint8 parameter, uint256 value) internal {
        _voteAllAndExecute(_proposeParameter(parameter, value));
    }

    // ================================================================ blobs

    function _blobParams(uint64 size, bytes32 rootHash, bool deletable)
        internal
        view
        returns (BlobRegistry.BlobParams memory p)
    {
        p = BlobRegistry.BlobParams({
            blobId: blobRegistry.deriveBlobId(1, size, rootHash),
            rootHash: rootHash,
            size: size,
            encodingType: 1,
            deletable: deletable
        });
    }

    /// @dev Reserves and registers one blob for `owner` (funded here) for `epochs` epochs.
    function _newBlob(address owner, uint64 size, bytes32 rootHash, bool deletable, uint32 epochs)
        internal
        returns (uint256 objectId)
    {
        _fundAndApprove(owner, 1_000_000 * WAL_UNIT);
        BlobRegistry.BlobParams[] memory ps = new BlobRegistry.BlobParams[](1);
        ps[0] = _blobParams(size, rootHash, deletable);
        vm.prank(owner);
        objectId = blobRegistry.reserveAndRegisterBlobs(ps, epochs, NO_LIMIT)[0];
    }

    /// @dev Certifies `objectId` with the first quorum of the current committee.
    function _certifyBlob(uint256 objectId) internal {
        BlobRegistry.Blob memory b = blobRegistry.blob(objectId);
        uint32 epoch = _currentEpoch();
        uint8 persistence = b.deletable ? 1 : 0;
        uint256 confirmed = b.deletable ? objectId : 0;
        bytes32 digest = blobRegistry.confirmationDigest(epoch, b.blobId, persistence, confirmed);
        (bytes memory bitmap, bytes memory sigs) = _certificate(epoch, digest, _quorumIndices(epoch, true));
        blobRegistry.certifyBlob(objectId, epoch, b.blobId, persistence, confirmed, bitmap, sigs);
    }
}
