// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IDirectory} from "./interfaces/IDirectory.sol";
import {ISystem} from "./interfaces/ISystem.sol";
import {IStaking} from "./interfaces/IStaking.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ISystemParameters, ISlashingParameters} from "./interfaces/IParameters.sol";

/// @title Governance
/// @notice Stake-weighted proposals to change parameters, to upgrade the UUPS contracts (only this
///         contract can authorize their upgrades) and to name slashing evidence sources.
///         - Proposing needs a current committee node whose pool holds at least PROPOSAL_THRESHOLD_BPS of
///           the committee's stake; one proposal per node and epoch; the proposer may cancel.
///         - Votes are cast in the proposal's epoch within `votingWindow` seconds and weigh active stake in
///           the current committee's pools: a node owner votes with its whole pool, except the positions
///           whose holders cast their own vote (positions minted, split or joined after the proposal do not
///           vote on it).
///         - `queue` (in the proposal's epoch) needs the stake in favour to reach 2/3 of the committee's
///           active stake and more than 1/3 of all staked WAL (`Staking.totalStake`, pending stake included),
///           so a committee that holds little of the stake cannot pass anything alone.
///         - `execute` is possible from TIMELOCK_EPOCHS epochs after the queueing epoch, longer than any
///           stake-withdrawal delay (at most two epochs), so every staker can leave before a change takes
///           effect; a queued proposal expires EXECUTION_WINDOW_EPOCHS epochs after that.
contract Governance is Initializable, UUPSUpgradeable {
    /// @notice Proposal kind: change a parameter.
    uint8 public constant KIND_PARAMETER = 0;
    /// @notice Proposal kind: upgrade a contract.
    uint8 public constant KIND_UPGRADE = 1;
    /// @notice Parameter: System burn share (basis points, <= 10000).
    uint8 public constant PARAM_BURN_SHARE = 0;
    /// @notice Parameter: System max epochs ahead (1..1000).
    uint8 public constant PARAM_MAX_EPOCHS_AHEAD = 1;
    /// @notice Parameter: Staking active-set size (1..128, Staking.MAX_ACTIVE_SET_SIZE).
    uint8 public constant PARAM_ACTIVE_SET_SIZE = 2;
    /// @notice Parameter: Slashing fraction (1..9000 basis points).
    uint8 public constant PARAM_SLASH_FRACTION = 3;
    /// @notice Parameter: Governance voting window (seconds, 1..365 days).
    uint8 public constant PARAM_VOTING_WINDOW = 4;
    /// @notice Proposal kind: allow or disallow a slashing evidence source.
    uint8 public constant KIND_EVIDENCE_SOURCE = 2;
    /// @notice Epochs between queueing and execution; a stake withdrawal takes at most two epochs.
    uint32 public constant TIMELOCK_EPOCHS = 3;
    /// @notice Epochs after the timelock during which a queued proposal can be executed.
    uint32 public constant EXECUTION_WINDOW_EPOCHS = 2;
    /// @notice Share of the committee's stake the proposing node's pool must hold (basis points).
    uint16 public constant PROPOSAL_THRESHOLD_BPS = 100;
    /// @notice Largest slash fraction governance may set (basis points; Slashing enforces it too).
    uint16 public constant MAX_SLASH_FRACTION_BPS = 1000;

    /// @notice A proposal, as `proposal` returns it.
    struct Proposal {
        uint8 kind;
        uint8 parameter;
        bool executed;
        bool cancelled;
        uint32 epoch;
        uint32 proposerNode;
        uint32 executableEpoch; // 0 until queued
        uint64 createdAt;
        uint64 deadline;
        address proposer;
        address target;
        address implementation;
        uint256 value;
        uint256 forStake;
        uint256 againstStake;
    }

    struct NodeVote {
        bool voted;
        bool support;
        uint256 counted;
        uint256 overridden;
    }

    IDirectory private _directory;
    uint64 private _votingWindow;
    uint256 private _proposalCount;
    mapping(uint256 id => Proposal) private _proposals;
    mapping(uint256 id => mapping(uint32 nodeId => NodeVote)) private _nodeVotes;
    mapping(uint256 id => mapping(uint256 tokenId => bool)) private _positionVoted;
    mapping(uint32 nodeId => uint32 epoch) private _lastProposalEpoch;

    /// @notice A parameter change was proposed.
    event ParameterProposed(
        uint256 indexed id, address indexed proposer, uint8 parameter, uint256 value, uint64 deadline
    );
    /// @notice An upgrade was proposed.
    event UpgradeProposed(
        uint256 indexed id, address indexed proposer, address target, address implementation, uint64 deadline
    );
    /// @notice A vote was cast; `tokenId` is 0 for a node's vote.
    event VoteCast(uint256 indexed id, uint32 indexed nodeId, uint256 indexed tokenId, bool support, uint256 stake);
    /// @notice A proposal was executed.
    event ProposalExecuted(uint256 indexed id);
    /// @notice A change of a slashing evidence source was proposed.
    event EvidenceSourceProposed(uint256 indexed id, address indexed proposer, address source, bool allowed);
    /// @notice A passed proposal was queued; it can be executed from `executableEpoch`.
    event ProposalQueued(uint256 indexed id, uint32 executableEpoch);
    /// @notice The proposer cancelled a proposal.
    event ProposalCancelled(uint256 indexed id);

    /// @notice An address argument was zero.
    error GovernanceZeroAddress();
    /// @notice Only this contract may upgrade itself (through a proposal).
    error GovernanceNotSelf();
    /// @notice No such parameter.
    error GovernanceUnknownParameter(uint8 parameter);
    /// @notice The value is outside the parameter's range.
    error GovernanceInvalidValue(uint8 parameter, uint256 value);
    /// @notice The target is not one of the upgradeable Walrus.NET contracts.
    error GovernanceNotUpgradeable(address target);
    /// @notice The implementation has no code.
    error GovernanceInvalidImplementation(address implementation);
    /// @notice The current committee has no active stake (e.g. epoch 0).
    error GovernanceNoActiveStake();
    /// @notice No proposal has this id.
    error GovernanceUnknownProposal(uint256 id);
    /// @notice Voting on this proposal is closed (deadline passed or another epoch).
    error GovernanceVotingClosed(uint256 id);
    /// @notice The caller does not own the node.
    error GovernanceNotNodeOwner(uint32 nodeId);
    /// @notice The caller does not own the position.
    error GovernanceNotPositionOwner(uint256 tokenId);
    /// @notice The node is not in the current committee.
    error GovernanceNotCommitteeMember(uint32 nodeId);
    /// @notice The node or position already voted on this proposal.
    error GovernanceAlreadyVoted(uint256 id);
    /// @notice The position has no active stake this epoch.
    error GovernanceNoVotingStake(uint256 tokenId);
    /// @notice The proposal was already executed.
    error GovernanceAlreadyExecuted(uint256 id);
    /// @notice The proposal's epoch has ended.
    error GovernanceProposalExpired(uint256 id);
    /// @notice The stake in favour does not reach 2/3 of the committee's stake and 1/3 of all stake.
    error GovernanceNotPassed(uint256 forStake, uint256 totalStake);
    /// @notice The proposing node's pool holds less than the proposal threshold.
    error GovernanceBelowProposalThreshold(uint256 stake, uint256 threshold);
    /// @notice The node already made a proposal this epoch.
    error GovernanceAlreadyProposed(uint32 nodeId);
    /// @notice The proposal is not queued, or its timelock has not passed.
    error GovernanceTimelocked(uint256 id, uint32 executableEpoch);
    /// @notice The proposal was already queued.
    error GovernanceAlreadyQueued(uint256 id);
    /// @notice The proposal was cancelled.
    error GovernanceCancelled(uint256 id);
    /// @notice Only the proposer may cancel.
    error GovernanceNotProposer(uint256 id);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    /// @param votingWindow_ Seconds a proposal is open for votes (1..365 days).
    function initialize(IDirectory directory_, uint64 votingWindow_) external initializer {
        if (address(directory_) == address(0)) revert GovernanceZeroAddress();
        if (votingWindow_ == 0 || votingWindow_ > 365 days) {
            revert GovernanceInvalidValue(PARAM_VOTING_WINDOW, votingWindow_);
        }
        _directory = directory_;
        _votingWindow = votingWindow_;
    }

    /// @notice Proposes setting `parameter` (PARAM_*) to `value`, as the owner of committee node
    ///         `proposerNodeId` (its pool must hold PROPOSAL_THRESHOLD_BPS of the committee's stake).
    /// @return id The proposal id (sequential from 1).
    function proposeParameter(uint32 proposerNodeId, uint8 parameter, uint256 value) external returns (uint256 id) {
        _checkParameter(parameter, value);
        Proposal storage p;
        (id, p) = _newProposal(KIND_PARAMETER, proposerNodeId);
        p.parameter = parameter;
        p.value = value;
        emit ParameterProposed(id, msg.sender, parameter, value, p.deadline);
    }

    /// @notice Proposes upgrading the UUPS proxy `target` to `implementation` (as `proposeParameter`).
    /// @return id The proposal id.
    function proposeUpgrade(uint32 proposerNodeId, address target, address implementation)
        external
        returns (uint256 id)
    {
        if (!_directory.isUpgradeable(target)) revert GovernanceNotUpgradeable(target);
        if (implementation.code.length == 0) revert GovernanceInvalidImplementation(implementation);
        Proposal storage p;
        (id, p) = _newProposal(KIND_UPGRADE, proposerNodeId);
        p.target = target;
        p.implementation = implementation;
        emit UpgradeProposed(id, msg.sender, target, implementation, p.deadline);
    }

    /// @notice Proposes allowing (or disallowing) `source` to record failed duties for slashing
    ///         (`Slashing.recordFailure`), e.g. the storage-challenge contract (as `proposeParameter`).
    /// @return id The proposal id.
    function proposeEvidenceSource(uint32 proposerNodeId, address source, bool allowed) external returns (uint256 id) {
        if (source == address(0)) revert GovernanceZeroAddress();
        Proposal storage p;
        (id, p) = _newProposal(KIND_EVIDENCE_SOURCE, proposerNodeId);
        p.target = source;
        p.value = allowed ? 1 : 0;
        emit EvidenceSourceProposed(id, msg.sender, source, allowed);
    }

    /// @notice Votes with `nodeId`'s pool (caller must own the node, a current committee member): its
    ///         active stake minus the positions that vote themselves.
    function voteAsNode(uint256 id, uint32 nodeId, bool support) external {
        Proposal storage p = _openProposal(id);
        if (INodeRegistry(_directory.nodeRegistry()).nodeOwner(nodeId) != msg.sender) {
            revert GovernanceNotNodeOwner(nodeId);
        }
        IStaking staking = IStaking(_directory.staking());
        _requireMember(p.epoch, nodeId);
        NodeVote storage nv = _nodeVotes[id][nodeId];
        if (nv.voted) revert GovernanceAlreadyVoted(id);
        uint256 poolStake = staking.poolActiveStake(nodeId);
        uint256 weight = poolStake > nv.overridden ? poolStake - nv.overridden : 0;
        nv.voted = true;
        nv.support = support;
        nv.counted = weight;
        if (support) p.forStake += weight;
        else p.againstStake += weight;
        emit VoteCast(id, nodeId, 0, support, weight);
    }

    /// @notice Votes with stake position `tokenId` (caller must own it); its stake leaves its node's vote.
    function voteWithPosition(uint256 id, uint256 tokenId, bool support) external {
        Proposal storage p = _openProposal(id);
        IStaking staking = IStaking(_directory.staking());
        if (IERC721(_directory.stakedWal()).ownerOf(tokenId) != msg.sender) revert GovernanceNotPositionOwner(tokenId);
        if (_positionVoted[id][tokenId]) revert GovernanceAlreadyVoted(id);
        (uint32 nodeId, uint256 stake, uint64 createdAt) = staking.positionVotingStake(tokenId);
        if (stake == 0 || createdAt >= p.createdAt) revert GovernanceNoVotingStake(tokenId);
        _requireMember(p.epoch, nodeId);
        _positionVoted[id][tokenId] = true;
        NodeVote storage nv = _nodeVotes[id][nodeId];
        nv.overridden += stake;
        if (nv.voted) {
            uint256 moved = stake < nv.counted ? stake : nv.counted;
            nv.counted -= moved;
            if (nv.support) p.forStake -= moved;
            else p.againstStake -= moved;
        }
        if (support) p.forStake += stake;
        else p.againstStake += stake;
        emit VoteCast(id, nodeId, tokenId, support, stake);
    }

    /// @notice Queues a passed proposal (permissionless), in the proposal's epoch: the stake in favour must
    ///         reach 2/3 of the committee's active stake and more than 1/3 of all staked WAL. It becomes
    ///         executable TIMELOCK_EPOCHS epochs later.
    function queue(uint256 id) external {
        Proposal storage p = _liveProposal(id);
        if (p.executableEpoch != 0) revert GovernanceAlreadyQueued(id);
        (uint32 epoch,) = ISystem(_directory.system()).epochInfo();
        if (epoch != p.epoch) revert GovernanceProposalExpired(id);
        uint256 committee = ISystem(_directory.system()).committeeStake(epoch);
        if (3 * p.forStake < 2 * committee) revert GovernanceNotPassed(p.forStake, committee);
        uint256 all = IStaking(_directory.staking()).totalStake();
        if (3 * p.forStake <= all) revert GovernanceNotPassed(p.forStake, all);
        uint32 executable = epoch + TIMELOCK_EPOCHS;
        p.executableEpoch = executable;
        emit ProposalQueued(id, executable);
    }

    /// @notice Executes a queued proposal (permissionless), once, from its executable epoch until
    ///         EXECUTION_WINDOW_EPOCHS epochs later.
    function execute(uint256 id) external {
        Proposal storage p = _liveProposal(id);
        uint32 executable = p.executableEpoch;
        (uint32 epoch,) = ISystem(_directory.system()).epochInfo();
        if (executable == 0 || epoch < executable) revert GovernanceTimelocked(id, executable);
        if (epoch >= executable + EXECUTION_WINDOW_EPOCHS) revert GovernanceProposalExpired(id);
        p.executed = true;
        emit ProposalExecuted(id);
        if (p.kind == KIND_UPGRADE) {
            UUPSUpgradeable(p.target).upgradeToAndCall(p.implementation, "");
        } else if (p.kind == KIND_EVIDENCE_SOURCE) {
            ISlashingParameters(_directory.slashing()).setEvidenceSource(p.target, p.value != 0);
        } else {
            _applyParameter(p.parameter, p.value);
        }
    }

    /// @notice Cancels a proposal that was not executed (its proposer only).
    function cancel(uint256 id) external {
        Proposal storage p = _liveProposal(id);
        if (p.proposer != msg.sender) revert GovernanceNotProposer(id);
        p.cancelled = true;
        emit ProposalCancelled(id);
    }

    /// @notice A proposal.
    function proposal(uint256 id) external view returns (Proposal memory) {
        Proposal memory p = _proposals[id];
        if (p.epoch == 0) revert GovernanceUnknownProposal(id);
        return p;
    }

    /// @notice Number of proposals so far (ids are 1..count).
    function proposalCount() external view returns (uint256) {
        return _proposalCount;
    }

    /// @notice Seconds a proposal is open for votes.
    function votingWindow() external view returns (uint64) {
        return _votingWindow;
    }

    /// @notice Whether position `tokenId` voted on proposal `id`.
    function hasPositionVoted(uint256 id, uint256 tokenId) external view returns (bool) {
        return _positionVoted[id][tokenId];
    }

    /// @notice A node's vote on proposal `id`: whether it voted, its side, the stake counted for it and the
    ///         stake of its positions that voted themselves.
    function nodeVote(uint256 id, uint32 nodeId)
        external
        view
        returns (bool voted, bool support, uint256 counted, uint256 overridden)
    {
        NodeVote memory nv = _nodeVotes[id][nodeId];
        return (nv.voted, nv.support, nv.counted, nv.overridden);
    }

    /// @notice The Directory of this deployment.
    function directory() external view returns (IDirectory) {
        return _directory;
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != address(this)) revert GovernanceNotSelf();
    }

    function _newProposal(uint8 kind, uint32 nodeId) private returns (uint256 id, Proposal storage p) {
        ISystem system = ISystem(_directory.system());
        (uint32 epoch,) = system.epochInfo();
        uint256 committee = system.committeeStake(epoch);
        if (committee == 0) revert GovernanceNoActiveStake();
        if (INodeRegistry(_directory.nodeRegistry()).nodeOwner(nodeId) != msg.sender) {
            revert GovernanceNotNodeOwner(nodeId);
        }
        _requireMember(epoch, nodeId);
        uint256 poolStake = IStaking(_directory.staking()).poolActiveStake(nodeId);
        uint256 threshold = committee * PROPOSAL_THRESHOLD_BPS / 10_000;
        if (poolStake < threshold || poolStake == 0) revert GovernanceBelowProposalThreshold(poolStake, threshold);
        if (_lastProposalEpoch[nodeId] == epoch) revert GovernanceAlreadyProposed(nodeId);
        _lastProposalEpoch[nodeId] = epoch;
        id = ++_proposalCount;
        p = _proposals[id];
        p.kind = kind;
        p.epoch = epoch;
        p.proposerNode = nodeId;
        p.createdAt = uint64(block.timestamp);
        p.deadline = uint64(block.timestamp) + _votingWindow;
        p.proposer = msg.sender;
    }

    function _liveProposal(uint256 id) private view returns (Proposal storage p) {
        p = _proposals[id];
        if (p.epoch == 0) revert GovernanceUnknownProposal(id);
        if (p.executed) revert GovernanceAlreadyExecuted(id);
        if (p.cancelled) revert GovernanceCancelled(id);
    }

    function _openProposal(uint256 id) private view returns (Proposal storage p) {
        p = _liveProposal(id);
        (uint32 epoch,) = ISystem(_directory.system()).epochInfo();
        if (p.executableEpoch != 0 || epoch != p.epoch || block.timestamp > p.deadline) {
            revert GovernanceVotingClosed(id);
        }
    }

    function _requireMember(uint32 epoch, uint32 nodeId) private view {
        (bool member,) = ISystem(_directory.system()).isCommitteeMember(epoch, nodeId);
        if (!member) revert GovernanceNotCommitteeMember(nodeId);
    }

    function _checkParameter(uint8 parameter, uint256 value) private pure {
        bool ok;
        if (parameter == PARAM_BURN_SHARE) ok = value <= 10_000;
        else if (parameter == PARAM_MAX_EPOCHS_AHEAD) ok = value >= 1 && value <= 1000;
        else if (parameter == PARAM_ACTIVE_SET_SIZE) ok = value >= 1 && value <= 128;
        else if (parameter == PARAM_SLASH_FRACTION) ok = value >= 1 && value <= MAX_SLASH_FRACTION_BPS;
        else if (parameter == PARAM_VOTING_WINDOW) ok = value >= 1 && value <= 365 days;
        else revert GovernanceUnknownParameter(parameter);
        if (!ok) revert GovernanceInvalidValue(parameter, value);
    }

    function _applyParameter(uint8 parameter, uint256 value) private {
        if (parameter == PARAM_BURN_SHARE) {
            // Values were range-checked when proposed (_checkParameter).
            // forge-lint: disable-next-line(unsafe-typecast)
            ISystemParameters(_directory.system()).setBurnShare(uint16(value));
        } else if (parameter == PARAM_MAX_EPOCHS_AHEAD) {
            // Range-checked when proposed.
            // forge-lint: disable-next-line(unsafe-typecast)
            ISystemParameters(_directory.system()).setMaxEpochsAhead(uint32(value));
        } else if (parameter == PARAM_ACTIVE_SET_SIZE) {
            // Range-checked when proposed.
            // forge-lint: disable-next-line(unsafe-typecast)
            IStaking(_directory.staking()).setActiveSetSize(uint16(value));
        } else if (parameter == PARAM_SLASH_FRACTION) {
            // Range-checked when proposed.
            // forge-lint: disable-next-line(unsafe-typecast)
            ISlashingParameters(_directory.slashing()).setSlashFraction(uint16(value));
        } else {
            // Range-checked when proposed.
            // forge-lint: disable-next-line(unsafe-typecast)
            _votingWindow = uint64(value);
        }
    }
}
