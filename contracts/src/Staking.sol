// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {IDirectory} from "./interfaces/IDirectory.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {ISystem} from "./interfaces/ISystem.sol";
import {IStaking} from "./interfaces/IStaking.sol";
import {StakedWal} from "./StakedWal.sol";

/// @title Staking
/// @notice One staking pool per storage node (created by the NodeRegistry when the node registers);
///         stake positions are transferable ERC-721 tokens of the StakedWal contract, with their data kept
///         here under the same token id. Follows Walrus's staking (docs/protocol.md §14):
///         - stake activates at E+1, or E+2 once the next committee was selected (after `votingEnd`);
///         - share-based accounting: each pool records its exchange rate (WAL, shares) at the epochs where
///           stake enters or leaves; a position's shares are `principal * shares/wal` at its activation
///           epoch and it is worth `shares * wal/shares` at its withdraw epoch;
///         - withdrawals: early (immediate, principal only) for stake not yet counted for a committee;
///           otherwise at E+1 (node in the current committee only) or E+2 (node in the next committee);
///         - commission in basis points, changes apply at E+2, rewards of an epoch are locked until the
///           next `votingEnd` (so that slashing can reach them), then collectable by the node owner;
///         - the pool also holds the node's storage price, write price and capacity votes.
/// @dev Pools are advanced lazily: stake and withdrawals wait in per-epoch pending entries and are
///      processed when the pool is next touched (every committee pool is touched at each epoch change).
contract Staking is Initializable, UUPSUpgradeable, IStaking {
    using SafeCast for uint256;

    /// @notice Minimum stake per position: 1 WAL.
    uint256 public constant MIN_STAKE = 1e9;
    /// @notice Basis-point denominator.
    uint16 public constant BPS = 10_000;
    /// @notice Shares per FROST in an empty pool. Fine-grained shares bound the rounding of a position
    ///         to the final share-to-WAL floor: at most 1 FROST below the exact value.
    uint256 public constant SHARES_PER_FROST = 1e9;
    /// @notice Largest active set: committee member indices are one byte, and `votingEnd` and
    ///         `initiateEpochChange` must fit 2^24 gas at this size (test/gas/GasLimit.t.sol).
    uint16 public constant MAX_ACTIVE_SET_SIZE = 128;
    /// @notice Candidate places beyond the active-set size. The candidate list holds at most
    ///         `activeSetSize + CANDIDATE_SLACK` nodes; a node enters a full list only with more real
    ///         next-epoch stake than the list's smallest entry, which (with at least `activeSetSize` entries
    ///         above it) would not have been selected anyway. Selection itself happens at `votingEnd`.
    uint16 public constant CANDIDATE_SLACK = 8;

    uint8 private constant _STATE_PARAMS_SELECTED = 2;

    /// @notice A pool, as `poolInfo` returns it.
    struct PoolView {
        uint32 nodeId;
        uint32 lastEpoch;
        uint16 commissionBps;
        uint16 nextCommissionBps;
        uint32 nextCommissionEpoch;
        uint64 storagePriceVote;
        uint64 writePriceVote;
        uint64 capacityVote;
        uint256 activeStake;
        uint256 activeShares;
        uint256 withdrawable;
        uint256 commission;
        uint256 lockedCommission;
        uint32 lockedCommissionEpoch;
    }

    /// @notice A stake position, as `position` returns it.
    struct PositionView {
        uint32 nodeId;
        uint256 principal;
        uint32 activationEpoch;
        uint32 withdrawEpoch;
        uint256 shares;
        uint256 value;
    }

    struct Pool {
        bool exists;
        bool deregistered;
        uint32 lastEpoch;
        uint16 commissionBps;
        uint16 nextCommissionBps;
        uint32 nextCommissionEpoch;
        uint32 lockedCommissionEpoch;
        uint64 storagePriceVote;
        uint64 writePriceVote;
        uint64 capacityVote;
        uint128 lockedCommission;
        uint128 activeWal;
        uint128 activeShares;
        uint128 withdrawable;
        uint128 commission;
    }

    struct Pending {
        uint128 stake;
        uint128 preActiveWithdraw;
    }

    struct Rate {
        uint128 wal;
        uint128 shares;
    }

    struct Position {
        uint32 nodeId;
        uint32 activationEpoch;
        uint32 withdrawEpoch;
        uint128 principal;
        uint64 createdAt; // timestamp of the mint, split or join (governance counts older positions only)
    }

    IDirectory private _directory;
    uint16 private _activeSetSize;
    uint256 private _nextTokenId;
    uint256 private _totalBurned;
    mapping(uint32 nodeId => Pool) private _pools;
    mapping(uint32 nodeId => mapping(uint32 epoch => Pending)) private _pending;
    mapping(uint32 nodeId => mapping(uint32 epoch => uint256)) private _pendingWithdrawShares;
    mapping(uint32 nodeId => mapping(uint32 epoch => Rate)) private _rates;
    mapping(uint256 tokenId => Position) private _positions;
    uint32[] private _activeSet;
    mapping(uint32 nodeId => uint256) private _activeIndex; // index + 1
    mapping(uint32 nodeId => address) private _commissionReceiver;
    uint256 private _totalStake;

    /// @notice A commission change was scheduled for `effectiveEpoch` (= E+2).
    event CommissionScheduled(uint32 indexed nodeId, uint16 commissionBps, uint32 effectiveEpoch);
    /// @notice A node set its price and capacity votes (also emitted when its pool is created).
    event VotesUpdated(uint32 indexed nodeId, uint64 storagePrice, uint64 writePrice, uint64 capacity);
    /// @notice A node owner collected commission.
    event CommissionCollected(uint32 indexed nodeId, address indexed to, uint256 amount);
    /// @notice WAL was staked with a node; the position is StakedWal token `tokenId`.
    event Staked(
        uint256 indexed tokenId, uint32 indexed nodeId, address indexed owner, uint256 amount, uint32 activationEpoch
    );
    /// @notice A position will be withdrawable from `withdrawEpoch`.
    event WithdrawRequested(uint256 indexed tokenId, uint32 indexed nodeId, uint32 withdrawEpoch);
    /// @notice A position was paid out and burned.
    event Withdrawn(uint256 indexed tokenId, uint32 indexed nodeId, address indexed to, uint256 amount);
    /// @notice A pool received the rewards of `epoch`.
    event PoolRewarded(uint32 indexed nodeId, uint32 indexed epoch, uint256 reward, uint256 commission);
    /// @notice A pool was slashed; the WAL was burned.
    event PoolSlashed(uint32 indexed nodeId, uint32 indexed epoch, uint256 burnedStake, uint256 burnedCommission);
    /// @notice Governance changed the active-set size.
    event ActiveSetSizeChanged(uint16 size);
    /// @notice A node's commission is now paid to `receiver` (zero: the node owner).
    event CommissionReceiverSet(uint32 indexed nodeId, address receiver);
    /// @notice The node deregistered: it takes no new stake and leaves the candidate list.
    event PoolDeregistered(uint32 indexed nodeId);
    /// @notice Position `tokenId` was split; `newTokenId` holds `amount` of its principal.
    event PositionSplit(uint256 indexed tokenId, uint256 indexed newTokenId, uint256 amount);
    /// @notice Position `otherTokenId` was joined into `tokenId` and burned.
    event PositionsJoined(uint256 indexed tokenId, uint256 indexed otherTokenId);

    /// @notice Only the System contract may call this.
    error StakingNotSystem();
    /// @notice Only the Slashing contract may call this.
    error StakingNotSlashing();
    /// @notice Only Governance may call this.
    error StakingNotGovernance();
    /// @notice Only the NodeRegistry may call this.
    error StakingNotNodeRegistry();
    /// @notice The node already has a pool.
    error StakingPoolExists(uint32 nodeId);
    /// @notice No node has this id.
    error StakingUnknownNode(uint32 nodeId);
    /// @notice The caller does not own the node.
    error StakingNotNodeOwner(uint32 nodeId);
    /// @notice The commission exceeds 10,000 basis points.
    error StakingInvalidCommission(uint16 commissionBps);
    /// @notice The stake is below 1 WAL.
    error StakingStakeTooLow(uint256 amount);
    /// @notice No position has this token id.
    error StakingUnknownPosition(uint256 tokenId);
    /// @notice The caller is neither the holder of the position nor approved for it.
    error StakingNotPositionOwner(uint256 tokenId);
    /// @notice The position already requested its withdrawal.
    error StakingAlreadyWithdrawing(uint256 tokenId);
    /// @notice The position did not request a withdrawal.
    error StakingNotWithdrawing(uint256 tokenId);
    /// @notice The withdraw epoch has not been reached.
    error StakingWithdrawTooEarly(uint256 tokenId, uint32 withdrawEpoch);
    /// @notice There is no collectable commission.
    error StakingNoCommission(uint32 nodeId);
    /// @notice The active-set size is outside [1, MAX_ACTIVE_SET_SIZE].
    error StakingInvalidActiveSetSize(uint16 size);
    /// @notice The slash fraction is zero or not below 100 %.
    error StakingInvalidSlashFraction(uint16 fractionBps);
    /// @notice An address argument was zero.
    error StakingZeroAddress();
    /// @notice Array arguments differ in length.
    error StakingLengthMismatch();
    /// @notice A WAL transfer returned false.
    error StakingTransferFailed();
    /// @notice The node deregistered and takes no new stake.
    error StakingNodeDeregistered(uint32 nodeId);
    /// @notice Both parts of a split must hold at least 1 WAL.
    error StakingInvalidSplit(uint256 amount);
    /// @notice Only positions of the same node with the same activation epoch, not withdrawing, join.
    error StakingNotJoinable(uint256 tokenId, uint256 otherTokenId);
    /// @notice The caller is neither the node owner nor its commission receiver.
    error StakingNotCommissionReceiver(uint32 nodeId);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    /// @param directory_ The Directory of this deployment.
    /// @param activeSetSize_ Largest number of nodes considered for a committee (1..MAX_ACTIVE_SET_SIZE; Walrus mainnet 111).
    function initialize(IDirectory directory_, uint16 activeSetSize_) external initializer {
        if (address(directory_) == address(0)) revert StakingZeroAddress();
        if (activeSetSize_ == 0 || activeSetSize_ > MAX_ACTIVE_SET_SIZE) {
            revert StakingInvalidActiveSetSize(activeSetSize_);
        }
        _directory = directory_;
        _activeSetSize = activeSetSize_;
        _nextTokenId = 1;
    }

    // =============================================================== node settings

    /// @notice NodeRegistry only: creates the pool of a newly registered node.
    function createPool(
        uint32 nodeId,
        uint16 commissionBps,
        uint64 storagePriceVote,
        uint64 writePriceVote,
        uint64 capacityVote
    ) external {
        if (msg.sender != _directory.nodeRegistry()) revert StakingNotNodeRegistry();
        if (commissionBps > BPS) revert StakingInvalidCommission(commissionBps);
        Pool storage pool = _pools[nodeId];
        if (pool.exists) revert StakingPoolExists(nodeId);
        (uint32 epoch,) = _system().epochInfo();
        pool.exists = true;
        pool.lastEpoch = epoch;
        pool.commissionBps = commissionBps;
        pool.storagePriceVote = storagePriceVote;
        pool.writePriceVote = writePriceVote;
        pool.capacityVote = capacityVote;
        emit VotesUpdated(nodeId, storagePriceVote, writePriceVote, capacityVote);
    }

    /// @notice Schedules a new commission rate (owner only); it applies to the rewards of epoch E+2 on.
    function setCommission(uint32 nodeId, uint16 commissionBps) external {
        Pool storage pool = _ownedPool(nodeId);
        if (commissionBps > BPS) revert StakingInvalidCommission(commissionBps);
        (uint32 epoch,) = _system().epochInfo();
        _applyCommission(pool, epoch);
        pool.nextCommissionBps = commissionBps;
        pool.nextCommissionEpoch = epoch + 2;
        emit CommissionScheduled(nodeId, commissionBps, epoch + 2);
    }

    /// @notice Sets the node's storage price, write price and capacity votes (owner only). They count at
    ///         the next committee selection (`votingEnd`), and the prices selected there apply from the
    ///         next epoch's start: a vote never moves the price of the current epoch.
    /// @param storagePrice FROST per MiB of encoded size per epoch.
    /// @param writePrice FROST per MiB of encoded size, charged once at registration.
    /// @param capacity Bytes of encoded data the node offers to store.
    function setVotes(uint32 nodeId, uint64 storagePrice, uint64 writePrice, uint64 capacity) external {
        Pool storage pool = _ownedPool(nodeId);
        pool.storagePriceVote = storagePrice;
        pool.writePriceVote = writePrice;
        pool.capacityVote = capacity;
        emit VotesUpdated(nodeId, storagePrice, writePrice, capacity);
    }

    /// @notice Pays the node's collectable commission to its commission receiver (the owner unless
    ///         `setCommissionReceiver` named another account); callable by the owner or the receiver.
    /// @return amount FROST paid.
    function collectCommission(uint32 nodeId) external returns (uint256 amount) {
        Pool storage pool = _existingPool(nodeId);
        address owner = INodeRegistry(_directory.nodeRegistry()).nodeOwner(nodeId);
        address receiver = _commissionReceiver[nodeId];
        if (receiver == address(0)) receiver = owner;
        if (msg.sender != owner && msg.sender != receiver) revert StakingNotCommissionReceiver(nodeId);
        (uint32 epoch, uint8 state) = _system().epochInfo();
        _unlockCommission(pool, epoch, state);
        amount = pool.commission;
        if (amount == 0) revert StakingNoCommission(nodeId);
        pool.commission = 0;
        emit CommissionCollected(nodeId, receiver, amount);
        _transferWal(receiver, amount);
    }

    /// @notice Sends the node's commission to `receiver` from now on (owner only; zero = the owner).
    function setCommissionReceiver(uint32 nodeId, address receiver) external {
        _ownedPool(nodeId);
        _commissionReceiver[nodeId] = receiver;
        emit CommissionReceiverSet(nodeId, receiver);
    }

    /// @notice NodeRegistry only: the node deregistered. It takes no new stake and leaves the candidate
    ///         list, so it is not selected again; while it is still in the current or next committee its
    ///         positions withdraw at E+1 / E+2 as usual, afterwards at once.
    function deregisterPool(uint32 nodeId) external {
        if (msg.sender != _directory.nodeRegistry()) revert StakingNotNodeRegistry();
        Pool storage pool = _existingPool(nodeId);
        pool.deregistered = true;
        _removeFromActiveSet(nodeId);
        emit PoolDeregistered(nodeId);
    }

    // =============================================================== stake positions

    /// @notice Stakes `amount` FROST (at least 1 WAL) with `nodeId`; pulls the WAL from the caller
    ///         (approve this contract first) and mints a StakedWal position token to the caller.
    /// @return tokenId The position.
    function stake(uint32 nodeId, uint256 amount) external returns (uint256 tokenId) {
        Pool storage pool = _existingPool(nodeId);
        if (pool.deregistered) revert StakingNodeDeregistered(nodeId);
        if (amount < MIN_STAKE) revert StakingStakeTooLow(amount);
        (uint32 epoch, uint8 state) = _system().epochInfo();
        _advance(nodeId, pool, epoch);
        uint32 activation = state == _STATE_PARAMS_SELECTED ? epoch + 2 : epoch + 1;
        _pending[nodeId][activation].stake += amount.toUint128();
        tokenId = _nextTokenId++;
        _positions[tokenId] = Position(nodeId, activation, 0, amount.toUint128(), uint64(block.timestamp));
        _totalStake += amount;
        StakedWal(_directory.stakedWal()).mint(msg.sender, tokenId);
        _refreshActiveSet(nodeId, pool, epoch, state);
        emit Staked(tokenId, nodeId, msg.sender, amount, activation);
        if (!_wal().transferFrom(msg.sender, address(this), amount)) revert StakingTransferFailed();
    }

    /// @notice Starts withdrawing a position (owner or approved). Stake not yet counted for any
    ///         committee, and stake of a node in neither the current nor the next committee, is paid out
    ///         at once (the token is burned). Otherwise the position becomes withdrawable at E+1 (node in
    ///         the current committee only) or E+2 (node in the next committee).
    /// @return withdrawEpoch The epoch from which `withdraw` pays (0 when paid at once).
    /// @return paid FROST paid at once.
    function requestWithdraw(uint256 tokenId) external returns (uint32 withdrawEpoch, uint256 paid) {
        Position storage pos = _authorizedPosition(tokenId);
        if (pos.withdrawEpoch != 0) revert StakingAlreadyWithdrawing(tokenId);
        uint32 nodeId = pos.nodeId;
        Pool storage pool = _pools[nodeId];
        ISystem system = _system();
        (uint32 epoch, uint8 state) = system.epochInfo();
        _advance(nodeId, pool, epoch);
        bool inNext;
        if (state == _STATE_PARAMS_SELECTED) (inNext,) = system.isCommitteeMember(epoch + 1, nodeId);
        uint32 activation = pos.activationEpoch;
        uint256 principal = pos.principal;
        _totalStake -= principal;
        if (activation > epoch) {
            if (activation == epoch + 2 || !inNext) {
                _pending[nodeId][activation].stake -= principal.toUint128();
                paid = principal;
            } else {
                withdrawEpoch = epoch + 2;
                _pending[nodeId][withdrawEpoch].preActiveWithdraw += principal.toUint128();
            }
        } else {
            uint256 shares = _sharesOf(nodeId, principal, activation);
            (bool inCurrent,) = system.isCommitteeMember(epoch, nodeId);
            if (inNext || inCurrent) {
                withdrawEpoch = inNext ? epoch + 2 : epoch + 1;
                _pendingWithdrawShares[nodeId][withdrawEpoch] += shares;
            } else {
                paid = _toWal(shares, pool.activeWal, pool.activeShares);
                pool.activeWal -= paid.toUint128();
                pool.activeShares -= shares.toUint128();
            }
        }
        _refreshActiveSet(nodeId, pool, epoch, state);
        if (withdrawEpoch != 0) {
            pos.withdrawEpoch = withdrawEpoch;
            emit WithdrawRequested(tokenId, nodeId, withdrawEpoch);
        } else {
            _payOut(tokenId, nodeId, paid);
        }
    }

    /// @notice Re-evaluates a node's place in the candidate list (permissionless), e.g. after a larger
    ///         candidate withdrew: it enters if there is room or it has more real stake than the smallest.
    function refreshCandidate(uint32 nodeId) external {
        Pool storage pool = _existingPool(nodeId);
        (uint32 epoch, uint8 state) = _system().epochInfo();
        _advance(nodeId, pool, epoch);
        _refreshActiveSet(nodeId, pool, epoch, state);
    }

    /// @notice Splits `amount` FROST of principal off position `tokenId` (owner or approved) into a new
    ///         position of the same node and activation epoch, minted to the position's holder. Both parts
    ///         keep at least 1 WAL; a withdrawing position cannot be split. The new position votes in
    ///         governance only on proposals made after it.
    /// @return newTokenId The new position.
    function splitPosition(uint256 tokenId, uint256 amount) external returns (uint256 newTokenId) {
        Position storage pos = _authorizedPosition(tokenId);
        if (pos.withdrawEpoch != 0) revert StakingAlreadyWithdrawing(tokenId);
        uint256 principal = pos.principal;
        if (amount < MIN_STAKE || principal < amount + MIN_STAKE) revert StakingInvalidSplit(amount);
        pos.principal = (principal - amount).toUint128();
        newTokenId = _nextTokenId++;
        _positions[newTokenId] =
            Position(pos.nodeId, pos.activationEpoch, 0, amount.toUint128(), uint64(block.timestamp));
        StakedWal token = StakedWal(_directory.stakedWal());
        token.mint(token.ownerOf(tokenId), newTokenId);
        emit PositionSplit(tokenId, newTokenId, amount);
    }

    /// @notice Joins position `otherTokenId` into `tokenId` (caller authorized for both): same node, same
    ///         activation epoch, neither withdrawing. `otherTokenId` is burned; the joined position votes in
    ///         governance only on proposals made after the join.
    function joinPositions(uint256 tokenId, uint256 otherTokenId) external {
        Position storage pos = _authorizedPosition(tokenId);
        Position storage other = _authorizedPosition(otherTokenId);
        if (
            tokenId == otherTokenId || pos.nodeId != other.nodeId || pos.activationEpoch != other.activationEpoch
                || pos.withdrawEpoch != 0 || other.withdrawEpoch != 0
        ) revert StakingNotJoinable(tokenId, otherTokenId);
        pos.principal += other.principal;
        pos.createdAt = uint64(block.timestamp);
        delete _positions[otherTokenId];
        StakedWal(_directory.stakedWal()).burn(otherTokenId);
        emit PositionsJoined(tokenId, otherTokenId);
    }

    /// @notice Pays out a withdrawing position once its withdraw epoch is reached (owner or approved):
    ///         the principal plus rewards (or minus slashing) at the pool's exchange rate of that epoch,
    ///         to the position's owner; burns the token.
    /// @return amount FROST paid.
    function withdraw(uint256 tokenId) external returns (uint256 amount) {
        Position storage pos = _authorizedPosition(tokenId);
        uint32 withdrawEpoch = pos.withdrawEpoch;
        if (withdrawEpoch == 0) revert StakingNotWithdrawing(tokenId);
        (uint32 epoch,) = _system().epochInfo();
        if (epoch < withdrawEpoch) revert StakingWithdrawTooEarly(tokenId, withdrawEpoch);
        uint32 nodeId = pos.nodeId;
        Pool storage pool = _pools[nodeId];
        _advance(nodeId, pool, epoch);
        uint256 shares = _sharesOf(nodeId, pos.principal, pos.activationEpoch);
        Rate memory rate = _rates[nodeId][withdrawEpoch];
        amount = _toWal(shares, rate.wal, rate.shares);
        pool.withdrawable -= amount.toUint128();
        _payOut(tokenId, nodeId, amount);
    }

    // =============================================================== called by other contracts

    /// @notice System only: the active-set nodes with their stake for `targetEpoch` (the next epoch);
    ///         nodes without stake are left out. Advances the pools.
    function selectionCandidates(uint32 targetEpoch)
        external
        returns (uint32[] memory nodeIds, uint256[] memory stakes)
    {
        if (msg.sender != _directory.system()) {
            revert StakingNotSystem();
        }
        uint256 len = _activeSet.length;
        nodeIds = new uint32[](len);
        stakes = new uint256[](len);
        uint256 count;
        for (uint256 i; i < len; ++i) {
            uint32 nodeId = _activeSet[i];
            Pool storage pool = _pools[nodeId];
            _advance(nodeId, pool, targetEpoch - 1);
            uint256 s = _projectedStake(nodeId, pool, targetEpoch);
            if (s == 0) continue;
            nodeIds[count] = nodeId;
            stakes[count] = s;
            ++count;
        }
        // The list holds up to CANDIDATE_SLACK more nodes than the active set (and more if governance
        // lowered the size): keep the largest real stakes, ties to the lower node id. A heap of the kept
        // entries with the weakest on top makes this O(n log size).
        uint256 size = _activeSetSize;
        if (count > size) {
            for (uint256 i = size / 2; i > 0; --i) {
                _siftWeakest(nodeIds, stakes, i - 1, size);
            }
            for (uint256 i = size; i < count; ++i) {
                if (_weaker(nodeIds[0], stakes[0], nodeIds[i], stakes[i])) {
                    (nodeIds[0], stakes[0]) = (nodeIds[i], stakes[i]);
                    _siftWeakest(nodeIds, stakes, 0, size);
                }
            }
            count = size;
        }
        assembly ("memory-safe") {
            mstore(nodeIds, count)
            mstore(stakes, count)
        }
    }

    /// @notice The price and capacity votes of `nodeIds`.
    function nodeVotes(uint32[] calldata nodeIds)
        external
        view
        returns (uint256[] memory storagePrices, uint256[] memory writePrices, uint256[] memory capacities)
    {
        uint256 len = nodeIds.length;
        storagePrices = new uint256[](len);
        writePrices = new uint256[](len);
        capacities = new uint256[](len);
        for (uint256 i; i < len; ++i) {
            Pool storage pool = _pools[nodeIds[i]];
            storagePrices[i] = pool.storagePriceVote;
            writePrices[i] = pool.writePriceVote;
            capacities[i] = pool.capacityVote;
        }
    }

    /// @notice System only: credits the rewards of epoch `newEpoch - 1` (WAL already transferred here)
    ///         to the old committee's pools, and advances the new committee's pools to `newEpoch`.
    /// @return committeeStake Sum of the new committee's active stake.
    function onEpochChange(
        uint32 newEpoch,
        uint32[] calldata rewardedNodes,
        uint256[] calldata rewards,
        uint32[] calldata newCommittee
    ) external returns (uint256 committeeStake) {
        if (msg.sender != _directory.system()) revert StakingNotSystem();
        if (rewardedNodes.length != rewards.length) revert StakingLengthMismatch();
        uint32 ended = newEpoch - 1;
        for (uint256 i; i < rewardedNodes.length; ++i) {
            uint32 nodeId = rewardedNodes[i];
            Pool storage pool = _pools[nodeId];
            _advance(nodeId, pool, ended);
            uint256 commission = _credit(pool, rewards[i], ended);
            _advance(nodeId, pool, newEpoch);
            emit PoolRewarded(nodeId, ended, rewards[i], commission);
        }
        for (uint256 i; i < newCommittee.length; ++i) {
            uint32 nodeId = newCommittee[i];
            Pool storage pool = _pools[nodeId];
            _advance(nodeId, pool, newEpoch);
            committeeStake += pool.activeWal;
        }
    }

    /// @notice Slashing only: burns `fractionBps` of the pool's active stake and of its commission
    ///         (locked and collectable). Pending stake and processed withdrawals are not touched.
    /// @return burned FROST burned.
    function slash(uint32 nodeId, uint16 fractionBps) external returns (uint256 burned) {
        if (msg.sender != _directory.slashing()) revert StakingNotSlashing();
        if (fractionBps == 0 || fractionBps >= BPS) revert StakingInvalidSlashFraction(fractionBps);
        Pool storage pool = _existingPool(nodeId);
        (uint32 epoch,) = _system().epochInfo();
        _advance(nodeId, pool, epoch);
        uint256 stakeBurn = uint256(pool.activeWal) * fractionBps / BPS;
        uint256 commissionBurn = uint256(pool.commission) * fractionBps / BPS;
        uint256 lockedBurn = uint256(pool.lockedCommission) * fractionBps / BPS;
        pool.activeWal -= stakeBurn.toUint128();
        pool.commission -= commissionBurn.toUint128();
        pool.lockedCommission -= lockedBurn.toUint128();
        burned = stakeBurn + commissionBurn + lockedBurn;
        _totalBurned += burned;
        emit PoolSlashed(nodeId, epoch, stakeBurn, commissionBurn + lockedBurn);
        if (burned != 0) ERC20Burnable(address(_wal())).burn(burned);
    }

    /// @notice Governance only: sets the active-set size (1..MAX_ACTIVE_SET_SIZE).
    function setActiveSetSize(uint16 size) external {
        if (msg.sender != _directory.governance()) revert StakingNotGovernance();
        if (size == 0 || size > MAX_ACTIVE_SET_SIZE) revert StakingInvalidActiveSetSize(size);
        _activeSetSize = size;
        emit ActiveSetSizeChanged(size);
    }

    // =============================================================== views

    /// @notice A node's pool.
    function poolInfo(uint32 nodeId) external view returns (PoolView memory v) {
        Pool storage p = _existingPool(nodeId);
        v.nodeId = nodeId;
        v.lastEpoch = p.lastEpoch;
        v.commissionBps = p.commissionBps;
        v.nextCommissionBps = p.nextCommissionBps;
        v.nextCommissionEpoch = p.nextCommissionEpoch;
        v.storagePriceVote = p.storagePriceVote;
        v.writePriceVote = p.writePriceVote;
        v.capacityVote = p.capacityVote;
        v.activeStake = p.activeWal;
        v.activeShares = p.activeShares;
        v.withdrawable = p.withdrawable;
        v.commission = p.commission;
        v.lockedCommission = p.lockedCommission;
        v.lockedCommissionEpoch = p.lockedCommissionEpoch;
    }

    /// @notice A pool's stake for `epoch` (current, E+1 or E+2) as known now.
    function poolStakeAt(uint32 nodeId, uint32 epoch) external view returns (uint256) {
        Pool storage pool = _existingPool(nodeId);
        return _projectedStake(nodeId, pool, epoch);
    }

    /// @notice A pool's active stake in the current epoch (what governance counts for the node).
    function poolActiveStake(uint32 nodeId) external view returns (uint256) {
        Pool storage pool = _pools[nodeId];
        if (!pool.exists) return 0;
        (uint32 epoch,) = _system().epochInfo();
        return _projectedStake(nodeId, pool, epoch);
    }

    /// @notice Everything about a position, including its current value in FROST.
    function position(uint256 tokenId) external view returns (PositionView memory v) {
        Position storage pos = _positions[tokenId];
        if (pos.nodeId == 0) revert StakingUnknownPosition(tokenId);
        (uint32 epoch,) = _system().epochInfo();
        v.nodeId = pos.nodeId;
        v.principal = pos.principal;
        v.activationEpoch = pos.activationEpoch;
        v.withdrawEpoch = pos.withdrawEpoch;
        v.value = pos.principal;
        Pool storage pool = _pools[pos.nodeId];
        if (pos.activationEpoch > pool.lastEpoch) return v; // not active yet: worth its principal
        v.shares = _sharesOf(pos.nodeId, pos.principal, pos.activationEpoch);
        if (pos.withdrawEpoch != 0 && pos.withdrawEpoch <= pool.lastEpoch) {
            Rate memory rate = _rates[pos.nodeId][pos.withdrawEpoch];
            v.value = _toWal(v.shares, rate.wal, rate.shares);
        } else if (pos.activationEpoch <= epoch) {
            v.value = _toWal(v.shares, pool.activeWal, pool.activeShares);
        }
    }

    /// @notice The stake a position votes with in governance this epoch: its value if it is active now
    ///         (activated, not yet withdrawn), else 0; and when it was minted, split off or joined.
    function positionVotingStake(uint256 tokenId)
        external
        view
        returns (uint32 nodeId, uint256 stake_, uint64 createdAt)
    {
        Position storage pos = _positions[tokenId];
        nodeId = pos.nodeId;
        if (nodeId == 0) return (0, 0, 0);
        createdAt = pos.createdAt;
        (uint32 epoch,) = _system().epochInfo();
        Pool storage pool = _pools[nodeId];
        if (pos.activationEpoch > epoch || pool.lastEpoch < epoch) return (nodeId, 0, createdAt);
        if (pos.withdrawEpoch != 0 && pos.withdrawEpoch <= epoch) return (nodeId, 0, createdAt);
        uint256 shares = _sharesOf(nodeId, pos.principal, pos.activationEpoch);
        stake_ = _toWal(shares, pool.activeWal, pool.activeShares);
    }

    /// @notice The pool's recorded exchange rate at `epoch` (zero when none was recorded).
    function exchangeRate(uint32 nodeId, uint32 epoch) external view returns (uint256 wal, uint256 shares) {
        Rate memory rate = _rates[nodeId][epoch];
        return (rate.wal, rate.shares);
    }

    /// @notice The candidate list: nodes considered at the next committee selection (at most
    ///         `activeSetSize + CANDIDATE_SLACK`; `votingEnd` keeps the `activeSetSize` largest real stakes).
    function activeSet() external view returns (uint32[] memory) {
        return _activeSet;
    }

    /// @notice Sum of the principal of all positions that are not withdrawing (what governance's
    ///         whole-stake threshold counts against).
    function totalStake() external view returns (uint256) {
        return _totalStake;
    }

    /// @notice Where the node's commission is paid (the owner unless set otherwise).
    function commissionReceiver(uint32 nodeId) external view returns (address) {
        address receiver = _commissionReceiver[nodeId];
        return receiver == address(0) ? INodeRegistry(_directory.nodeRegistry()).nodeOwner(nodeId) : receiver;
    }

    /// @notice Whether the node deregistered.
    function isDeregistered(uint32 nodeId) external view returns (bool) {
        return _pools[nodeId].deregistered;
    }

    /// @notice Largest active set.
    function activeSetSize() external view returns (uint16) {
        return _activeSetSize;
    }

    /// @notice FROST burned by slashing so far.
    function totalBurned() external view returns (uint256) {
        return _totalBurned;
    }

    /// @notice The Directory of this deployment.
    function directory() external view returns (IDirectory) {
        return _directory;
    }

    // =============================================================== internals

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != _directory.governance()) revert StakingNotGovernance();
    }

    function _system() private view returns (ISystem) {
        return ISystem(_directory.system());
    }

    function _wal() private view returns (IERC20) {
        return IERC20(_directory.wal());
    }

    /// @dev WAL reverts on failure; the return value is checked as well.
    function _transferWal(address to, uint256 amount) private {
        if (!_wal().transfer(to, amount)) revert StakingTransferFailed();
    }

    function _existingPool(uint32 nodeId) private view returns (Pool storage pool) {
        pool = _pools[nodeId];
        if (!pool.exists) revert StakingUnknownNode(nodeId);
    }

    function _ownedPool(uint32 nodeId) private view returns (Pool storage pool) {
        pool = _existingPool(nodeId);
        if (INodeRegistry(_directory.nodeRegistry()).nodeOwner(nodeId) != msg.sender) {
            revert StakingNotNodeOwner(nodeId);
        }
    }

    function _authorizedPosition(uint256 tokenId) private view returns (Position storage pos) {
        pos = _positions[tokenId];
        if (pos.nodeId == 0) revert StakingUnknownPosition(tokenId);
        (, bool authorized) = StakedWal(_directory.stakedWal()).authorization(msg.sender, tokenId);
        if (!authorized) revert StakingNotPositionOwner(tokenId);
    }

    function _payOut(uint256 tokenId, uint32 nodeId, uint256 amount) private {
        StakedWal token = StakedWal(_directory.stakedWal());
        address to = token.ownerOf(tokenId);
        delete _positions[tokenId];
        token.burn(tokenId);
        emit Withdrawn(tokenId, nodeId, to, amount);
        if (amount != 0) _transferWal(to, amount);
    }

    /// @dev Applies a scheduled commission change once its epoch is reached.
    function _applyCommission(Pool storage pool, uint32 epoch) private {
        uint32 effective = pool.nextCommissionEpoch;
        if (effective != 0 && effective <= epoch) {
            pool.commissionBps = pool.nextCommissionBps;
            pool.nextCommissionEpoch = 0;
            pool.nextCommissionBps = 0;
        }
    }

    /// @dev Commission earned in epoch e is locked until `votingEnd` of epoch e + 1.
    function _unlockCommission(Pool storage pool, uint32 epoch, uint8 state) private {
        uint32 lockedEpoch = pool.lockedCommissionEpoch;
        if (lockedEpoch < epoch || (lockedEpoch == epoch && state == _STATE_PARAMS_SELECTED)) {
            pool.commission += pool.lockedCommission;
            pool.lockedCommission = 0;
        }
    }

    /// @dev Adds the rewards of `epoch` to a pool (advanced to `epoch`); returns the commission part.
    function _credit(Pool storage pool, uint256 reward, uint32 epoch) private returns (uint256 commission) {
        _applyCommission(pool, epoch);
        commission = reward * pool.commissionBps / BPS;
        uint256 rest = reward - commission;
        if (pool.activeShares == 0) {
            commission += rest; // nobody holds shares: all to the operator
            rest = 0;
        }
        pool.activeWal += rest.toUint128();
        // The previous epoch's commission unlocked at this epoch's votingEnd.
        pool.commission += pool.lockedCommission;
        pool.lockedCommission = commission.toUint128();
        pool.lockedCommissionEpoch = epoch + 1;
    }

    /// @dev Processes the pending entries of the epochs after `pool.lastEpoch` up to `target`. Entries only
    ///      exist up to two epochs after the pool was last touched, and rewards only arrive at epoch
    ///      changes after advancing, so skipped epochs have the same exchange rate.
    function _advance(uint32 nodeId, Pool storage pool, uint32 target) private {
        uint32 last = pool.lastEpoch;
        if (last >= target) return;
        uint32 end = target < last + 2 ? target : last + 2;
        for (uint32 e = last + 1; e <= end; ++e) {
            _process(nodeId, pool, e);
        }
        pool.lastEpoch = target;
    }

    function _process(uint32 nodeId, Pool storage pool, uint32 e) private {
        Pending memory p = _pending[nodeId][e];
        uint256 withdrawShares = _pendingWithdrawShares[nodeId][e];
        if (p.stake == 0 && p.preActiveWithdraw == 0 && withdrawShares == 0) return;
        uint256 wal = pool.activeWal;
        uint256 shares = pool.activeShares;
        _rates[nodeId][e] = Rate(wal.toUint128(), shares.toUint128());
        if (p.preActiveWithdraw != 0) {
            Rate memory previous = _rates[nodeId][e - 1];
            withdrawShares += _toShares(p.preActiveWithdraw, previous.wal, previous.shares);
        }
        if (withdrawShares != 0) {
            uint256 value = _toWal(withdrawShares, wal, shares);
            pool.withdrawable += value.toUint128();
            wal -= value;
            shares -= withdrawShares;
        }
        if (p.stake != 0) {
            Rate memory rate = _rates[nodeId][e];
            shares += _toShares(p.stake, rate.wal, rate.shares);
            wal += p.stake;
        }
        pool.activeWal = wal.toUint128();
        pool.activeShares = shares.toUint128();
        delete _pending[nodeId][e];
        delete _pendingWithdrawShares[nodeId][e];
    }

    /// @dev The pool's active stake at `target` (at most two epochs after its last processed epoch),
    ///      processing pending entries in memory.
    function _projectedStake(uint32 nodeId, Pool storage pool, uint32 target) private view returns (uint256) {
        uint256 wal = pool.activeWal;
        uint256 shares = pool.activeShares;
        uint32 last = pool.lastEpoch;
        Rate memory previous = _rates[nodeId][last];
        for (uint32 e = last + 1; e <= target && e <= last + 2; ++e) {
            Pending memory p = _pending[nodeId][e];
            uint256 withdrawShares = _pendingWithdrawShares[nodeId][e];
            Rate memory rate = Rate(wal.toUint128(), shares.toUint128());
            if (p.preActiveWithdraw != 0) {
                withdrawShares += _toShares(p.preActiveWithdraw, previous.wal, previous.shares);
            }
            if (withdrawShares != 0) {
                wal -= _toWal(withdrawShares, rate.wal, rate.shares);
                shares -= withdrawShares;
            }
            if (p.stake != 0) {
                shares += _toShares(p.stake, rate.wal, rate.shares);
                wal += p.stake;
            }
            previous = rate;
        }
        return wal;
    }

    /// @dev Shares of a position: its principal at the exchange rate of its activation epoch.
    function _sharesOf(uint32 nodeId, uint256 principal, uint32 activation) private view returns (uint256) {
        Rate memory rate = _rates[nodeId][activation];
        return _toShares(principal, rate.wal, rate.shares);
    }

    function _toShares(uint256 amount, uint256 wal, uint256 shares) private pure returns (uint256) {
        if (wal == 0 || shares == 0) return amount * SHARES_PER_FROST;
        return amount * shares / wal;
    }

    function _toWal(uint256 shareAmount, uint256 wal, uint256 shares) private pure returns (uint256) {
        if (shares == 0) return shareAmount / SHARES_PER_FROST;
        return shareAmount * wal / shares;
    }

    /// @dev Keeps the node's place in the candidate list current with its real stake for the next
    ///      selection: a node without stake leaves; a node with stake enters a list with room, or a full list
    ///      if its stake exceeds the smallest real stake in it (that entry leaves). No stake is cached: each
    ///      comparison reads the pools, so rewards, slashing and withdrawals are always counted.
    function _refreshActiveSet(uint32 nodeId, Pool storage pool, uint32 epoch, uint8 state) private {
        uint32 target = state == _STATE_PARAMS_SELECTED ? epoch + 2 : epoch + 1;
        uint256 s = _projectedStake(nodeId, pool, target);
        if (_activeIndex[nodeId] != 0) {
            if (s == 0) _removeFromActiveSet(nodeId);
            return;
        }
        if (s == 0 || pool.deregistered) return;
        uint256 len = _activeSet.length;
        if (len < uint256(_activeSetSize) + CANDIDATE_SLACK) {
            _activeSet.push(nodeId);
            _activeIndex[nodeId] = len + 1;
            return;
        }
        uint256 minIndex;
        uint256 minStake = type(uint256).max;
        for (uint256 i; i < len; ++i) {
            uint32 other = _activeSet[i];
            uint256 otherStake = _projectedStake(other, _pools[other], target);
            if (otherStake < minStake) {
                minStake = otherStake;
                minIndex = i;
            }
        }
        if (s <= minStake) return;
        uint32 evicted = _activeSet[minIndex];
        delete _activeIndex[evicted];
        _activeSet[minIndex] = nodeId;
        _activeIndex[nodeId] = minIndex + 1;
    }

    /// @dev Whether candidate (idA, stakeA) ranks below (idB, stakeB): less stake, or equal stake and a
    ///      higher node id.
    function _weaker(uint32 idA, uint256 stakeA, uint32 idB, uint256 stakeB) private pure returns (bool) {
        return stakeA < stakeB || (stakeA == stakeB && idA > idB);
    }

    /// @dev Min-heap (weakest on top) maintenance over the first `size` entries.
    function _siftWeakest(uint32[] memory ids, uint256[] memory stakes, uint256 root, uint256 size) private pure {
        while (true) {
            uint256 child = 2 * root + 1;
            if (child >= size) return;
            if (child + 1 < size && _weaker(ids[child + 1], stakes[child + 1], ids[child], stakes[child])) ++child;
            if (!_weaker(ids[child], stakes[child], ids[root], stakes[root])) return;
            (ids[root], ids[child]) = (ids[child], ids[root]);
            (stakes[root], stakes[child]) = (stakes[child], stakes[root]);
            root = child;
        }
    }

    function _removeFromActiveSet(uint32 nodeId) private {
        uint256 index = _activeIndex[nodeId];
        if (index == 0) return;
        uint256 lastIndex = _activeSet.length;
        uint32 moved = _activeSet[lastIndex - 1];
        _activeSet[index - 1] = moved;
        _activeIndex[moved] = index;
        _activeSet.pop();
        delete _activeIndex[nodeId];
    }
}
