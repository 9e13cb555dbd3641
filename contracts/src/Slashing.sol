// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IDirectory} from "./interfaces/IDirectory.sol";
import {ISystem} from "./interfaces/ISystem.sol";
import {IStaking} from "./interfaces/IStaking.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {ISlashingParameters} from "./interfaces/IParameters.sol";

/// @title Slashing
/// @notice Members of the current committee vote, weighted by their shards, to slash a node's pool.
///         Once the votes for a target reach a quorum (3w >= 2n+1) in the same epoch, anyone executes the
///         slashing: `slashFraction` of the pool's active stake and commission is burned (PROTOCOL.md A
///         "Beyond Walrus"; Walrus itself burns only commission, B §7.4). Votes reset every epoch; a node
///         is slashed at most once per epoch.
contract Slashing is Initializable, UUPSUpgradeable, ISlashingParameters {
    /// @notice Largest slash fraction (basis points).
    uint16 public constant MAX_SLASH_FRACTION_BPS = 9000;

    IDirectory private _directory;
    uint16 private _slashFractionBps;
    mapping(uint32 epoch => mapping(uint32 target => uint256)) private _votes;
    mapping(uint32 epoch => mapping(uint32 target => mapping(uint32 voter => bool))) private _voted;
    mapping(uint32 epoch => mapping(uint32 target => bool)) private _executed;

    /// @notice A committee member voted to slash `target`; `totalWeight` is the target's tally this epoch.
    event SlashingVoted(
        uint32 indexed epoch, uint32 indexed voter, uint32 indexed target, uint16 weight, uint256 totalWeight
    );
    /// @notice `target`'s pool was slashed and `burned` FROST burned.
    event NodeSlashed(uint32 indexed epoch, uint32 indexed target, uint16 fractionBps, uint256 burned);
    /// @notice Governance changed the slash fraction.
    event SlashFractionChanged(uint16 fractionBps);

    /// @notice An address argument was zero.
    error SlashingZeroAddress();
    /// @notice Only Governance may call this.
    error SlashingNotGovernance();
    /// @notice The slash fraction is outside [1, 9000] basis points.
    error SlashingInvalidFraction(uint16 fractionBps);
    /// @notice The caller does not own the voting node.
    error SlashingNotNodeOwner(uint32 nodeId);
    /// @notice No node has this id.
    error SlashingUnknownNode(uint32 nodeId);
    /// @notice A node cannot vote to slash itself.
    error SlashingSelfVote();
    /// @notice The voter is not in the current committee.
    error SlashingNotCommitteeMember(uint32 nodeId);
    /// @notice The voter already voted against this target this epoch.
    error SlashingAlreadyVoted(uint32 voter, uint32 target);
    /// @notice The target was already slashed this epoch.
    error SlashingAlreadyExecuted(uint32 target);
    /// @notice The votes do not reach a quorum.
    error SlashingQuorumNotReached(uint256 weight, uint256 nShards);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    /// @param slashFractionBps Share of the pool burned by one slashing (1..9000 basis points).
    function initialize(IDirectory directory_, uint16 slashFractionBps) external initializer {
        if (address(directory_) == address(0)) revert SlashingZeroAddress();
        if (slashFractionBps == 0 || slashFractionBps > MAX_SLASH_FRACTION_BPS) {
            revert SlashingInvalidFraction(slashFractionBps);
        }
        _directory = directory_;
        _slashFractionBps = slashFractionBps;
    }

    /// @notice Votes, as `voterNodeId` (caller must own it; it must be in the current committee), to slash
    ///         `targetNodeId`; the vote weighs the voter's shards.
    function voteForSlashing(uint32 voterNodeId, uint32 targetNodeId) external {
        INodeRegistry registry = INodeRegistry(_directory.nodeRegistry());
        if (registry.nodeOwner(voterNodeId) != msg.sender) revert SlashingNotNodeOwner(voterNodeId);
        if (registry.nodeOwner(targetNodeId) == address(0)) revert SlashingUnknownNode(targetNodeId);
        if (voterNodeId == targetNodeId) revert SlashingSelfVote();
        ISystem system = ISystem(_directory.system());
        (uint32 epoch,) = system.epochInfo();
        (bool member, uint16 weight) = system.isCommitteeMember(epoch, voterNodeId);
        if (!member) revert SlashingNotCommitteeMember(voterNodeId);
        if (_executed[epoch][targetNodeId]) revert SlashingAlreadyExecuted(targetNodeId);
        if (_voted[epoch][targetNodeId][voterNodeId]) revert SlashingAlreadyVoted(voterNodeId, targetNodeId);
        _voted[epoch][targetNodeId][voterNodeId] = true;
        uint256 total = _votes[epoch][targetNodeId] + weight;
        _votes[epoch][targetNodeId] = total;
        emit SlashingVoted(epoch, voterNodeId, targetNodeId, weight, total);
    }

    /// @notice Slashes `targetNodeId` once this epoch's votes reach a quorum (permissionless).
    /// @return burned FROST burned.
    function executeSlashing(uint32 targetNodeId) external returns (uint256 burned) {
        ISystem system = ISystem(_directory.system());
        (uint32 epoch,) = system.epochInfo();
        if (_executed[epoch][targetNodeId]) revert SlashingAlreadyExecuted(targetNodeId);
        uint256 weight = _votes[epoch][targetNodeId];
        uint256 n = system.nShards();
        if (3 * weight < 2 * n + 1) revert SlashingQuorumNotReached(weight, n);
        _executed[epoch][targetNodeId] = true;
        uint16 fraction = _slashFractionBps;
        burned = IStaking(_directory.staking()).slash(targetNodeId, fraction);
        emit NodeSlashed(epoch, targetNodeId, fraction, burned);
    }

    /// @notice Governance only: share of a pool burned by one slashing (1..9000 basis points).
    function setSlashFraction(uint16 bps) external {
        if (msg.sender != _directory.governance()) revert SlashingNotGovernance();
        if (bps == 0 || bps > MAX_SLASH_FRACTION_BPS) revert SlashingInvalidFraction(bps);
        _slashFractionBps = bps;
        emit SlashFractionChanged(bps);
    }

    /// @notice Share of a pool burned by one slashing, in basis points.
    function slashFraction() external view returns (uint16) {
        return _slashFractionBps;
    }

    /// @notice Shards that voted to slash `target` in `epoch`.
    function slashingVotes(uint32 epoch, uint32 target) external view returns (uint256) {
        return _votes[epoch][target];
    }

    /// @notice Whether `voter` voted to slash `target` in `epoch`.
    function hasVoted(uint32 epoch, uint32 target, uint32 voter) external view returns (bool) {
        return _voted[epoch][target][voter];
    }

    /// @notice Whether `target` was slashed in `epoch`.
    function slashed(uint32 epoch, uint32 target) external view returns (bool) {
        return _executed[epoch][target];
    }

    /// @notice The Directory of this deployment.
    function directory() external view returns (IDirectory) {
        return _directory;
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != _directory.governance()) revert SlashingNotGovernance();
    }
}
