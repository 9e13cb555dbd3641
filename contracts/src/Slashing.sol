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
/// @notice Slashing of a node's pool for failed duties, with evidence and limits:
///         - Evidence: an allowed evidence source (a contract named by governance, e.g. the storage
///           challenges of a later issue) records a failed duty of `nodeId` in `epoch` with
///           `recordFailure`; the node must be in that epoch's committee, and the epoch must be the current
///           or the previous one. Without a record there is nothing to vote on.
///         - Votes: members of the current committee vote, weighted by their shards; a quorum (3w >= 2n+1)
///           in the same epoch lets anyone execute, while the record is for the current or previous epoch.
///         - Limits: `slashFraction` is at most MAX_SLASH_FRACTION_BPS (10 %); a node is slashed at most
///           once per epoch and MAX_SLASHINGS_PER_NODE times in total (at most 1 - 0.9^3 = 27.1 % of a pool).
///         The burn takes that fraction of the pool's active stake and commission (docs/protocol.md §15;
///         Walrus itself burns only commission).
contract Slashing is Initializable, UUPSUpgradeable, ISlashingParameters {
    /// @notice Largest slash fraction (basis points).
    uint16 public constant MAX_SLASH_FRACTION_BPS = 1000;
    /// @notice Most slashings of one node over its lifetime.
    uint8 public constant MAX_SLASHINGS_PER_NODE = 3;

    IDirectory private _directory;
    uint16 private _slashFractionBps;
    mapping(uint32 epoch => mapping(uint32 target => uint256)) private _votes;
    mapping(uint32 epoch => mapping(uint32 target => mapping(uint32 voter => bool))) private _voted;
    mapping(uint32 epoch => mapping(uint32 target => bool)) private _executed;
    mapping(address source => bool) private _evidenceSources;
    mapping(uint32 target => mapping(uint32 epoch => bytes32)) private _failures;
    mapping(uint32 target => uint8) private _slashCount;

    /// @notice A committee member voted to slash `target`; `totalWeight` is the target's tally this epoch.
    event SlashingVoted(
        uint32 indexed epoch, uint32 indexed voter, uint32 indexed target, uint16 weight, uint256 totalWeight
    );
    /// @notice `target`'s pool was slashed and `burned` FROST burned.
    event NodeSlashed(uint32 indexed epoch, uint32 indexed target, uint16 fractionBps, uint256 burned);
    /// @notice Governance changed the slash fraction.
    event SlashFractionChanged(uint16 fractionBps);
    /// @notice Governance allowed or disallowed an evidence source.
    event EvidenceSourceSet(address indexed source, bool allowed);
    /// @notice An evidence source recorded that `nodeId` failed duty `duty` in `epoch`.
    event FailureRecorded(
        uint32 indexed epoch, uint32 indexed nodeId, uint8 duty, bytes32 evidence, address indexed source
    );

    /// @notice An address argument was zero.
    error SlashingZeroAddress();
    /// @notice Only Governance may call this.
    error SlashingNotGovernance();
    /// @notice The slash fraction is outside [1, 1000] basis points.
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
    /// @notice The caller is not an allowed evidence source.
    error SlashingNotEvidenceSource(address caller);
    /// @notice The failure's epoch is neither the current nor the previous epoch.
    error SlashingEpochOutOfRange(uint32 epoch);
    /// @notice The node was not in the committee of the failure's epoch.
    error SlashingNotInCommittee(uint32 nodeId, uint32 epoch);
    /// @notice The evidence is zero.
    error SlashingEmptyEvidence();
    /// @notice No failed duty of the target is recorded for the current or previous epoch.
    error SlashingNoEvidence(uint32 target);
    /// @notice The node reached the lifetime slashing limit.
    error SlashingLimitReached(uint32 target);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    /// @param slashFractionBps Share of the pool burned by one slashing (1..1000 basis points).
    function initialize(IDirectory directory_, uint16 slashFractionBps) external initializer {
        if (address(directory_) == address(0)) revert SlashingZeroAddress();
        if (slashFractionBps == 0 || slashFractionBps > MAX_SLASH_FRACTION_BPS) {
            revert SlashingInvalidFraction(slashFractionBps);
        }
        _directory = directory_;
        _slashFractionBps = slashFractionBps;
    }

    /// @notice Evidence source only: records that `nodeId`, a member of `epoch`'s committee (the current or
    ///         the previous epoch, while that committee is still readable), failed duty `duty`; `evidence`
    ///         identifies the proof kept by the source (e.g. a storage challenge id). One record per node and
    ///         epoch (a later record replaces the evidence).
    function recordFailure(uint32 nodeId, uint32 epoch, uint8 duty, bytes32 evidence) external {
        if (!_evidenceSources[msg.sender]) revert SlashingNotEvidenceSource(msg.sender);
        if (evidence == bytes32(0)) revert SlashingEmptyEvidence();
        ISystem system = ISystem(_directory.system());
        (uint32 current,) = system.epochInfo();
        if (epoch > current || epoch + 1 < current) revert SlashingEpochOutOfRange(epoch);
        (bool member,) = system.isCommitteeMember(epoch, nodeId);
        if (!member) revert SlashingNotInCommittee(nodeId, epoch);
        _failures[nodeId][epoch] = evidence;
        emit FailureRecorded(epoch, nodeId, duty, evidence, msg.sender);
    }

    /// @notice Votes, as `voterNodeId` (caller must own it; it must be in the current committee), to slash
    ///         `targetNodeId`, which must have a recorded failure in the current or previous epoch; the vote
    ///         weighs the voter's shards.
    function voteForSlashing(uint32 voterNodeId, uint32 targetNodeId) external {
        INodeRegistry registry = INodeRegistry(_directory.nodeRegistry());
        if (registry.nodeOwner(voterNodeId) != msg.sender) revert SlashingNotNodeOwner(voterNodeId);
        if (registry.nodeOwner(targetNodeId) == address(0)) revert SlashingUnknownNode(targetNodeId);
        if (voterNodeId == targetNodeId) revert SlashingSelfVote();
        ISystem system = ISystem(_directory.system());
        (uint32 epoch,) = system.epochInfo();
        (bool member, uint16 weight) = system.isCommitteeMember(epoch, voterNodeId);
        if (!member) revert SlashingNotCommitteeMember(voterNodeId);
        if (!_hasEvidence(targetNodeId, epoch)) revert SlashingNoEvidence(targetNodeId);
        if (_executed[epoch][targetNodeId]) revert SlashingAlreadyExecuted(targetNodeId);
        if (_voted[epoch][targetNodeId][voterNodeId]) revert SlashingAlreadyVoted(voterNodeId, targetNodeId);
        _voted[epoch][targetNodeId][voterNodeId] = true;
        uint256 total = _votes[epoch][targetNodeId] + weight;
        _votes[epoch][targetNodeId] = total;
        emit SlashingVoted(epoch, voterNodeId, targetNodeId, weight, total);
    }

    /// @notice Slashes `targetNodeId` once this epoch's votes reach a quorum (permissionless), if its
    ///         failure record is for the current or previous epoch and it is below the lifetime limit.
    /// @return burned FROST burned.
    function executeSlashing(uint32 targetNodeId) external returns (uint256 burned) {
        ISystem system = ISystem(_directory.system());
        (uint32 epoch,) = system.epochInfo();
        if (_executed[epoch][targetNodeId]) revert SlashingAlreadyExecuted(targetNodeId);
        if (!_hasEvidence(targetNodeId, epoch)) revert SlashingNoEvidence(targetNodeId);
        if (_slashCount[targetNodeId] >= MAX_SLASHINGS_PER_NODE) revert SlashingLimitReached(targetNodeId);
        uint256 weight = _votes[epoch][targetNodeId];
        uint256 n = system.nShards();
        if (3 * weight < 2 * n + 1) revert SlashingQuorumNotReached(weight, n);
        _executed[epoch][targetNodeId] = true;
        ++_slashCount[targetNodeId];
        uint16 fraction = _slashFractionBps;
        burned = IStaking(_directory.staking()).slash(targetNodeId, fraction);
        emit NodeSlashed(epoch, targetNodeId, fraction, burned);
    }

    /// @notice Governance only: allows or disallows `source` to record failed duties.
    function setEvidenceSource(address source, bool allowed) external {
        if (msg.sender != _directory.governance()) revert SlashingNotGovernance();
        if (source == address(0)) revert SlashingZeroAddress();
        _evidenceSources[source] = allowed;
        emit EvidenceSourceSet(source, allowed);
    }

    /// @notice Whether `source` may record failed duties.
    function isEvidenceSource(address source) external view returns (bool) {
        return _evidenceSources[source];
    }

    /// @notice The evidence recorded against `nodeId` for `epoch` (zero if none).
    function failure(uint32 nodeId, uint32 epoch) external view returns (bytes32) {
        return _failures[nodeId][epoch];
    }

    /// @notice How many times `nodeId` was slashed.
    function slashCount(uint32 nodeId) external view returns (uint8) {
        return _slashCount[nodeId];
    }

    /// @notice Governance only: share of a pool burned by one slashing (1..1000 basis points).
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

    function _hasEvidence(uint32 target, uint32 epoch) private view returns (bool) {
        return _failures[target][epoch] != bytes32(0) || (epoch > 0 && _failures[target][epoch - 1] != bytes32(0));
    }
}
