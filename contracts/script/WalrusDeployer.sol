// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {WAL} from "../src/WAL.sol";
import {Directory} from "../src/Directory.sol";
import {IDirectory} from "../src/interfaces/IDirectory.sol";
import {NodeRegistry} from "../src/NodeRegistry.sol";
import {Staking} from "../src/Staking.sol";
import {StakedWal} from "../src/StakedWal.sol";
import {System} from "../src/System.sol";
import {StorageResource} from "../src/StorageResource.sol";
import {BlobRegistry} from "../src/BlobRegistry.sol";
import {Slashing} from "../src/Slashing.sol";
import {Governance} from "../src/Governance.sol";

/// @notice Deploys a whole Walrus.NET control plane: the WAL token, the Directory, and every other
///         contract as a UUPS proxy (ERC-1967) in front of a fresh implementation. Used by
///         script/Deploy.s.sol and by the forge test base, so tests run on exactly what gets deployed.
abstract contract WalrusDeployer {
    /// @notice Everything a deployment can be configured with.
    struct DeployConfig {
        address walRecipient; // receives the 5,000,000,000 WAL
        uint64 epochDuration; // seconds
        uint16 nShards;
        uint64 firstEpochStart; // unix seconds from which epoch 0 may end; required (System rejects 0)
        uint32 maxEpochsAhead;
        uint16 burnShareBps;
        uint16 activeSetSize;
        uint16 slashFractionBps;
        uint64 votingWindow; // seconds
        uint16 minFirstCommitteeNodes; // the first committee needs at least this many nodes
        uint128 minFirstCommitteeStake; // and at least this much stake (FROST)
    }

    /// @notice The deployed contracts (proxies, except WAL and Directory).
    struct Deployment {
        WAL wal;
        Directory directory;
        NodeRegistry nodeRegistry;
        Staking staking;
        StakedWal stakedWal;
        System system;
        StorageResource storageResource;
        BlobRegistry blobRegistry;
        Slashing slashing;
        Governance governance;
    }

    /// @notice Walrus mainnet-like defaults with the given epoch duration and shard count.
    function _defaultConfig(address walRecipient, uint64 epochDuration, uint16 nShards)
        internal
        pure
        returns (DeployConfig memory)
    {
        return DeployConfig({
            walRecipient: walRecipient,
            epochDuration: epochDuration,
            nShards: nShards,
            firstEpochStart: 0,
            maxEpochsAhead: 53,
            burnShareBps: 300,
            activeSetSize: 111,
            slashFractionBps: 1000,
            votingWindow: epochDuration,
            minFirstCommitteeNodes: 4,
            minFirstCommitteeStake: 1_000_000e9
        });
    }

    function _deployAll(DeployConfig memory c) internal returns (Deployment memory d) {
        d.wal = new WAL(c.walRecipient);
        d.directory = new Directory();
        IDirectory dir = IDirectory(address(d.directory));
        d.nodeRegistry =
            NodeRegistry(_proxy(address(new NodeRegistry()), abi.encodeCall(NodeRegistry.initialize, (dir))));
        d.staking = Staking(_proxy(address(new Staking()), abi.encodeCall(Staking.initialize, (dir, c.activeSetSize))));
        d.stakedWal = StakedWal(_proxy(address(new StakedWal()), abi.encodeCall(StakedWal.initialize, (dir))));
        System.Config memory sc = System.Config({
            epochDuration: c.epochDuration,
            nShards: c.nShards,
            firstEpochStart: c.firstEpochStart,
            maxEpochsAhead: c.maxEpochsAhead,
            burnShareBps: c.burnShareBps,
            minFirstCommitteeNodes: c.minFirstCommitteeNodes,
            minFirstCommitteeStake: c.minFirstCommitteeStake
        });
        d.system = System(_proxy(address(new System()), abi.encodeCall(System.initialize, (dir, sc))));
        d.storageResource =
            StorageResource(_proxy(address(new StorageResource()), abi.encodeCall(StorageResource.initialize, (dir))));
        d.blobRegistry =
            BlobRegistry(_proxy(address(new BlobRegistry()), abi.encodeCall(BlobRegistry.initialize, (dir))));
        d.slashing =
            Slashing(_proxy(address(new Slashing()), abi.encodeCall(Slashing.initialize, (dir, c.slashFractionBps))));
        d.governance =
            Governance(_proxy(address(new Governance()), abi.encodeCall(Governance.initialize, (dir, c.votingWindow))));
        d.directory
            .initialize(
                Directory.Addresses({
                    wal: address(d.wal),
                    nodeRegistry: address(d.nodeRegistry),
                    staking: address(d.staking),
                    stakedWal: address(d.stakedWal),
                    system: address(d.system),
                    storageResource: address(d.storageResource),
                    blobRegistry: address(d.blobRegistry),
                    slashing: address(d.slashing),
                    governance: address(d.governance)
                })
            );
    }

    function _proxy(address implementation, bytes memory init) private returns (address) {
        return address(new ERC1967Proxy(implementation, init));
    }
}
