// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Vm} from "../test/base/Vm.sol";
import {WalrusDeployer} from "./WalrusDeployer.sol";

/// @notice Deploys Walrus.NET's contracts and writes their addresses to a JSON file.
/// @dev `forge script script/Deploy.s.sol --rpc-url http://127.0.0.1:8545 --broadcast --private-key <key>`
///      Environment (all optional):
///      WALRUS_EPOCH_DURATION   seconds per epoch (default 600)
///      WALRUS_SHARDS           shard count (default 1000)
///      WALRUS_FIRST_EPOCH_START unix seconds from which epoch 0 may end: required, except on a local
///                              anvil (chain id 31337), where it defaults to the deployment time
///      WALRUS_MIN_FIRST_COMMITTEE_NODES (default 4), WALRUS_MIN_FIRST_COMMITTEE_STAKE FROST (default 10^15
///                              = 1,000,000 WAL): the smallest first committee `votingEnd` accepts
///      WALRUS_MAX_EPOCHS_AHEAD (default 53), WALRUS_BURN_SHARE_BPS (default 300),
///      WALRUS_ACTIVE_SET_SIZE (default 111), WALRUS_SLASH_FRACTION_BPS (default 1000),
///      WALRUS_VOTING_WINDOW    seconds (default: the epoch duration)
///      WALRUS_WAL_RECIPIENT    receives the whole WAL supply (default: the deployer)
///      WALRUS_DEPLOYMENT_FILE  output path (default: deployments/<chainId>.json)
contract Deploy is WalrusDeployer {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @notice Deploys everything and writes the address file.
    function run() external returns (Deployment memory d) {
        uint64 epochDuration = uint64(vm.envOr("WALRUS_EPOCH_DURATION", uint256(600)));
        uint16 nShards = uint16(vm.envOr("WALRUS_SHARDS", uint256(1000)));
        DeployConfig memory c = _defaultConfig(vm.envOr("WALRUS_WAL_RECIPIENT", msg.sender), epochDuration, nShards);
        c.firstEpochStart = uint64(
            block.chainid == 31337
                ? vm.envOr("WALRUS_FIRST_EPOCH_START", block.timestamp)
                : vm.envUint("WALRUS_FIRST_EPOCH_START")
        );
        c.minFirstCommitteeNodes =
            uint16(vm.envOr("WALRUS_MIN_FIRST_COMMITTEE_NODES", uint256(c.minFirstCommitteeNodes)));
        c.minFirstCommitteeStake =
            uint128(vm.envOr("WALRUS_MIN_FIRST_COMMITTEE_STAKE", uint256(c.minFirstCommitteeStake)));
        c.maxEpochsAhead = uint32(vm.envOr("WALRUS_MAX_EPOCHS_AHEAD", uint256(c.maxEpochsAhead)));
        c.burnShareBps = uint16(vm.envOr("WALRUS_BURN_SHARE_BPS", uint256(c.burnShareBps)));
        c.activeSetSize = uint16(vm.envOr("WALRUS_ACTIVE_SET_SIZE", uint256(c.activeSetSize)));
        c.slashFractionBps = uint16(vm.envOr("WALRUS_SLASH_FRACTION_BPS", uint256(c.slashFractionBps)));
        c.votingWindow = uint64(vm.envOr("WALRUS_VOTING_WINDOW", uint256(epochDuration)));
        uint256 deployBlock = block.number;

        vm.startBroadcast();
        d = _deployAll(c);
        vm.stopBroadcast();

        string memory defaultPath = string.concat("deployments/", vm.toString(block.chainid), ".json");
        string memory path = vm.envOr("WALRUS_DEPLOYMENT_FILE", defaultPath);
        _write(d, c, deployBlock, path);
    }

    function _write(Deployment memory d, DeployConfig memory c, uint256 deployBlock, string memory path) private {
        string memory k = "walrus";
        vm.serializeUint(k, "chainId", block.chainid);
        vm.serializeUint(k, "deployBlock", deployBlock);
        vm.serializeUint(k, "epochDuration", c.epochDuration);
        vm.serializeUint(k, "nShards", c.nShards);
        vm.serializeAddress(k, "wal", address(d.wal));
        vm.serializeAddress(k, "directory", address(d.directory));
        vm.serializeAddress(k, "nodeRegistry", address(d.nodeRegistry));
        vm.serializeAddress(k, "staking", address(d.staking));
        vm.serializeAddress(k, "stakedWal", address(d.stakedWal));
        vm.serializeAddress(k, "system", address(d.system));
        vm.serializeAddress(k, "storageResource", address(d.storageResource));
        vm.serializeAddress(k, "blobRegistry", address(d.blobRegistry));
        vm.serializeAddress(k, "slashing", address(d.slashing));
        string memory json = vm.serializeAddress(k, "governance", address(d.governance));
        vm.writeJson(json, path);
    }
}
