// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IDirectory} from "./interfaces/IDirectory.sol";
import {ISystem} from "./interfaces/ISystem.sol";
import {IStaking} from "./interfaces/IStaking.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {ISystemParameters} from "./interfaces/IParameters.sol";
import {Apportionment} from "./libraries/Apportionment.sol";
import {QuorumSelection} from "./libraries/QuorumSelection.sol";
import {ShardAssignment} from "./libraries/ShardAssignment.sol";
import {MemberTable} from "./libraries/MemberTable.sol";

/// @title System
/// @notice Epochs, committees and shard assignment, prices and capacity, and the payments that fund each
///         epoch's committee (docs/protocol.md §13, §14, §12).
///
/// Epoch timeline (t = time of the last EpochChangeDone):
/// - `votingEnd` after t + epochDuration/2 selects the next committee from the active set (d'Hondt with a
///   per-node cap, shard identities kept where possible) and the next epoch's capacity;
/// - `initiateEpochChange` after t + epochDuration burns `burnShare` of the ended epoch's income, pays the
///   rest to the ended epoch's committee in proportion to shards (x the epoch's stored capacity, the same
///   for every member), advances the epoch and recomputes prices;
/// - each new member calls `epochSyncDone`; a quorum of shards (3w >= 2n+1) emits EpochChangeDone.
/// Bootstrap: epoch 0 has no committee; from `firstEpochStart` on, `votingEnd` and then
/// `initiateEpochChange` may be called at once (no half-epoch wait), and because there is no previous
/// committee to hand shards over, epoch 1 starts in the EpochChangeDone state.
///
/// Committees are stored with members ascending by node id; certificate bitmaps refer to that order.
contract System is Initializable, UUPSUpgradeable, ISystem, ISystemParameters {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /// @notice Epoch state: the epoch change is in progress (waiting for `epochSyncDone` quorum).
    uint8 public constant STATE_EPOCH_CHANGE_SYNC = 0;
    /// @notice Epoch state: the epoch change completed.
    uint8 public constant STATE_EPOCH_CHANGE_DONE = 1;
    /// @notice Epoch state: the next committee and parameters were selected.
    uint8 public constant STATE_NEXT_PARAMS_SELECTED = 2;
    /// @notice Prices are per MiB of encoded size.
    uint256 public constant BYTES_PER_UNIT = 1_048_576;
    /// @notice Upper bound of `maxEpochsAhead`.
    uint32 public constant MAX_MAX_EPOCHS_AHEAD = 1000;
    /// @notice Most shards a deployment may have: `votingEnd` must fit 2^24 gas with the largest active set
    ///         (test/gas/GasLimit.t.sol; Walrus mainnet has 1000).
    uint16 public constant MAX_SHARDS = 2048;
    /// @notice Basis-point denominator.
    uint16 public constant BPS = 10_000;
    /// @notice The price before the first committee exists (u64::MAX, as in Walrus epoch 0).
    uint64 public constant NO_PRICE = type(uint64).max;

    /// @notice Deployment parameters.
    struct Config {
        uint64 epochDuration; // seconds
        uint16 nShards;
        uint64 firstEpochStart; // unix seconds; epoch 0 may end from then on
        uint32 maxEpochsAhead;
        uint16 burnShareBps;
        uint16 minFirstCommitteeNodes; // nodes the first committee needs at least (>= 1)
        uint128 minFirstCommitteeStake; // FROST the first committee needs at least (>= 1 WAL)
    }

    struct Committee {
        uint32 epoch;
        uint16 size;
        address members; // MemberTable data contract
        mapping(uint256 word => uint256) owners;
    }

    struct Delta {
        uint128 add;
        uint128 sub;
    }

    IDirectory private _directory;
    uint64 private _epochDuration;
    uint16 private _nShards;
    uint64 private _firstEpochStart;
    uint32 private _maxEpochsAhead;
    uint16 private _burnShareBps;
    uint32 private _epoch;
    uint8 private _state;
    uint64 private _stateTimestamp;
    uint16 private _syncedWeight;
    uint64 private _storagePrice;
    uint64 private _writePrice;
    uint128 private _totalCapacity;
    uint128 private _nextCapacity;
    uint128 private _usedCapacity;
    uint128 private _rewardRate;
    uint256 private _totalBurned;
    Committee[2] private _committees;
    mapping(uint32 epoch => mapping(uint32 nodeId => bool)) private _syncDone;
    mapping(uint32 epoch => uint256) private _committeeStake;
    mapping(uint32 epoch => Delta) private _capacityDeltas;
    mapping(uint32 epoch => Delta) private _rewardDeltas;
    mapping(uint32 epoch => uint256) private _extraRewards;
    uint16 private _minFirstCommitteeNodes;
    uint128 private _minFirstCommitteeStake;
    uint64 private _nextStoragePrice;
    uint64 private _nextWritePrice;

    /// @notice The next committee and capacity were selected for `nextEpoch`.
    event EpochParametersSelected(uint32 nextEpoch);
    /// @notice `epoch` started; its committee must now take over its shards.
    event EpochChangeStart(uint32 epoch);
    /// @notice A quorum of `epoch`'s committee finished receiving its shards.
    event EpochChangeDone(uint32 epoch);
    /// @notice A node of `epoch`'s committee holds all its `shards`.
    event ShardsReceived(uint32 indexed epoch, uint32 indexed nodeId, uint16[] shards);
    /// @notice Prices changed (storage: per MiB per epoch; write: per MiB once).
    event PricesUpdated(uint32 epoch, uint256 storagePrice, uint256 writePrice);
    /// @notice The income of `epoch` was split: `burned` burned, `paid` to its committee.
    event EpochRewardsDistributed(uint32 indexed epoch, uint256 total, uint256 burned, uint256 paid);
    /// @notice WAL was paid for storage and writes.
    event PaymentCollected(
        address indexed payer, uint256 storageCost, uint256 writeCost, uint32 startEpoch, uint32 endEpoch
    );
    /// @notice Governance changed the burn share.
    event BurnShareChanged(uint16 bps);
    /// @notice Governance changed the maximum number of epochs ahead.
    event MaxEpochsAheadChanged(uint32 epochs);
    /// @notice The prices of `epoch` were selected (at `votingEnd`); they apply from its start.
    event NextPricesSelected(uint32 epoch, uint256 storagePrice, uint256 writePrice);

    /// @notice A configuration value is out of range.
    error SystemInvalidConfig();
    /// @notice An address argument was zero.
    error SystemZeroAddress();
    /// @notice The epoch state does not allow this call.
    error SystemWrongEpochState(uint8 state);
    /// @notice Called before `notBefore` (unix seconds).
    error SystemTooEarly(uint256 notBefore);
    /// @notice No node has stake in the active set.
    error SystemNoCandidates();
    /// @notice The epoch argument is not the current epoch.
    error SystemWrongEpoch(uint32 given, uint32 current);
    /// @notice The caller is neither the node's owner nor its committee signing key.
    error SystemNotNodeOperator(uint32 nodeId);
    /// @notice The node is not in the committee of the epoch.
    error SystemNotCommitteeMember(uint32 nodeId);
    /// @notice The node already called `epochSyncDone` this epoch.
    error SystemAlreadySynced(uint32 nodeId);
    /// @notice There is no committee for the epoch.
    error SystemNoCommittee(uint32 epoch);
    /// @notice The signer bitmap does not have ceil(members / 8) bytes.
    error SystemBitmapLengthMismatch(uint256 given, uint256 expected);
    /// @notice The signer bitmap has a bit set past the last member.
    error SystemBitmapOutOfRange();
    /// @notice The signatures are not 65 bytes each, or not one per set bit.
    error SystemSignatureCountMismatch();
    /// @notice The signature of member `index` is not by that member's signing key.
    error SystemInvalidSignature(uint256 index);
    /// @notice The signers' shards do not reach the required quorum.
    error SystemQuorumNotReached(uint256 weight, uint256 nShards);
    /// @notice Only the StorageResource and BlobRegistry contracts may collect payments.
    error SystemNotPaymentCollector();
    /// @notice Only Governance may call this.
    error SystemNotGovernance();
    /// @notice The epoch range is empty, starts in the past or ends too far ahead.
    error SystemInvalidEpochRange(uint32 startEpoch, uint32 endEpoch);
    /// @notice Reserving would exceed the total capacity in `epoch`.
    error SystemCapacityExceeded(uint32 epoch);
    /// @notice The payment exceeds the caller's maximum.
    error SystemCostTooHigh(uint256 cost, uint256 maxCost);
    /// @notice The first committee would have fewer nodes or less stake than the deployment requires.
    error SystemFirstCommitteeTooSmall(uint256 nodes, uint256 stake);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    /// @param directory_ The Directory of this deployment.
    /// @param config Epoch duration (seconds, > 0), shard count (1..MAX_SHARDS), first epoch start (unix
    ///        seconds, set by the operator, > 0), max epochs ahead (1..1000), burn share (basis points,
    ///        <= 10000), and the smallest first committee: node count (>= 1) and stake (>= 1 WAL).
    function initialize(IDirectory directory_, Config calldata config) external initializer {
        if (address(directory_) == address(0)) revert SystemZeroAddress();
        if (
            config.epochDuration == 0 || config.nShards == 0 || config.nShards > MAX_SHARDS
                || config.maxEpochsAhead == 0 || config.maxEpochsAhead > MAX_MAX_EPOCHS_AHEAD
                || config.burnShareBps > BPS || config.firstEpochStart == 0 || config.minFirstCommitteeNodes == 0
                || config.minFirstCommitteeStake < 1e9
        ) revert SystemInvalidConfig();
        _directory = directory_;
        _epochDuration = config.epochDuration;
        _nShards = config.nShards;
        _firstEpochStart = config.firstEpochStart;
        _maxEpochsAhead = config.maxEpochsAhead;
        _burnShareBps = config.burnShareBps;
        _minFirstCommitteeNodes = config.minFirstCommitteeNodes;
        _minFirstCommitteeStake = config.minFirstCommitteeStake;
        _state = STATE_EPOCH_CHANGE_DONE;
        _stateTimestamp = uint64(block.timestamp);
        _storagePrice = NO_PRICE;
        _writePrice = NO_PRICE;
    }

    // =============================================================== epoch change

    /// @notice Selects the next epoch's committee and capacity (permissionless). Allowed once the epoch
    ///         change is done and half an epoch has passed since (epoch 0: from `firstEpochStart`).
    function votingEnd() external {
        if (_state != STATE_EPOCH_CHANGE_DONE) revert SystemWrongEpochState(_state);
        _checkTime(_epochDuration / 2);
        uint32 next = _epoch + 1;
        IStaking staking = IStaking(_directory.staking());
        (uint32[] memory ids, uint256[] memory stakes) = staking.selectionCandidates(next);
        if (ids.length == 0) revert SystemNoCandidates();
        _sortById(ids, stakes);
        address[] memory keys = INodeRegistry(_directory.nodeRegistry()).signingKeys(ids);
        uint256 n = _nShards;
        uint256[] memory seats = Apportionment.dhondt(stakes, n, Apportionment.perNodeCap(n, ids.length));
        uint256 count;
        uint256 seatedStake;
        for (uint256 i; i < ids.length; ++i) {
            if (seats[i] == 0) continue;
            ids[count] = ids[i];
            keys[count] = keys[i];
            seats[count] = seats[i];
            seatedStake += stakes[i];
            ++count;
        }
        if (next == 1 && (count < _minFirstCommitteeNodes || seatedStake < _minFirstCommitteeStake)) {
            revert SystemFirstCommitteeTooSmall(count, seatedStake);
        }
        assembly ("memory-safe") {
            mstore(ids, count)
            mstore(keys, count)
            mstore(seats, count)
        }
        _storeNextCommittee(next, ids, keys, seats);
        _selectNextParams(staking, ids, seats);
        _state = STATE_NEXT_PARAMS_SELECTED;
        emit EpochParametersSelected(next);
    }

    /// @notice Ends the current epoch (permissionless), once the next committee was selected and a whole
    ///         epoch passed since the last EpochChangeDone (epoch 0: from `firstEpochStart`). Burns the burn
    ///         share of the epoch's income, pays the rest to its committee's pools, advances the epoch and
    ///         recomputes prices and capacity.
    function initiateEpochChange() external {
        if (_state != STATE_NEXT_PARAMS_SELECTED) revert SystemWrongEpochState(_state);
        _checkTime(_epochDuration);
        uint32 ended = _epoch;
        uint32 next = ended + 1;
        (uint32[] memory oldIds, uint256[] memory rewards, uint256 burned, uint256 paid) = _splitIncome(ended);
        _epoch = next;
        _advanceAccounting(next);
        bool done = oldIds.length == 0;
        _state = done ? STATE_EPOCH_CHANGE_DONE : STATE_EPOCH_CHANGE_SYNC;
        _stateTimestamp = uint64(block.timestamp);
        _syncedWeight = 0;

        IStaking staking = IStaking(_directory.staking());
        IERC20 wal = IERC20(_directory.wal());
        if (burned != 0) ERC20Burnable(address(wal)).burn(burned);
        if (paid != 0) wal.safeTransfer(address(staking), paid);
        (uint32[] memory newIds,) = _committeeIdsAndWeights(next);
        _committeeStake[next] = staking.onEpochChange(next, oldIds, rewards, newIds);
        _storagePrice = _nextStoragePrice;
        _writePrice = _nextWritePrice;
        emit PricesUpdated(next, _storagePrice, _writePrice);

        emit EpochChangeStart(next);
        if (done) emit EpochChangeDone(next);
    }

    /// @notice A member of the current committee attests that it holds all its shards (called by the
    ///         node's owner account or by its committee signing key). Emits ShardsReceived, and
    ///         EpochChangeDone once members holding a quorum of shards have attested.
    function epochSyncDone(uint32 nodeId, uint32 epoch) external {
        if (epoch != _epoch) revert SystemWrongEpoch(epoch, _epoch);
        if (_state != STATE_EPOCH_CHANGE_SYNC) revert SystemWrongEpochState(_state);
        (bool found, uint256 record,) = _findMember(epoch, nodeId);
        if (!found) revert SystemNotCommitteeMember(nodeId);
        if (
            msg.sender != MemberTable.signer(record)
                && msg.sender != INodeRegistry(_directory.nodeRegistry()).nodeOwner(nodeId)
        ) revert SystemNotNodeOperator(nodeId);
        if (_syncDone[epoch][nodeId]) revert SystemAlreadySynced(nodeId);
        _syncDone[epoch][nodeId] = true;
        uint16 weight = _syncedWeight + MemberTable.weight(record);
        _syncedWeight = weight;
        bool done = QuorumSelection.isQuorum(weight, _nShards);
        if (done) {
            _state = STATE_EPOCH_CHANGE_DONE;
            _stateTimestamp = uint64(block.timestamp);
        }
        emit ShardsReceived(epoch, nodeId, shardsOf(epoch, nodeId));
        if (done) emit EpochChangeDone(epoch);
    }

    // =============================================================== certificates

    /// @notice Checks a committee certificate: `signersBitmap` has bit i % 8 of byte i / 8 set for each
    ///         signing member i (members ascending by node id), `signatures` holds one 65-byte (r, s, v)
    ///         signature of `digest` per set bit, in member order. Reverts unless every signature is by its
    ///         member's signing key and the signers hold a quorum of shards: 3w >= 2n+1 (`strongQuorum`)
    ///         or 3w >= n+1 (at least one honest member).
    /// @param epoch Must be the current epoch; the current committee signs.
    /// @return weight Shards held by the signers.
    function verifyCertificate(
        uint32 epoch,
        bytes32 digest,
        bytes calldata signersBitmap,
        bytes calldata signatures,
        bool strongQuorum
    ) external view returns (uint256 weight) {
        if (epoch != _epoch) revert SystemWrongEpoch(epoch, _epoch);
        Committee storage c = _committees[epoch & 1];
        uint256 size = c.size;
        if (c.epoch != epoch || size == 0) revert SystemNoCommittee(epoch);
        uint256 expected = (size + 7) / 8;
        if (signersBitmap.length != expected) revert SystemBitmapLengthMismatch(signersBitmap.length, expected);
        if (signatures.length % 65 != 0) revert SystemSignatureCountMismatch();
        if (signatures.length / 65 > size) revert SystemSignatureCountMismatch();
        if (size % 8 != 0 && uint8(signersBitmap[expected - 1]) >> (size % 8) != 0) revert SystemBitmapOutOfRange();
        uint256[] memory records = MemberTable.read(c.members, size);
        uint256 k;
        for (uint256 i; i < size; ++i) {
            if ((uint8(signersBitmap[i >> 3]) >> (i & 7)) & 1 == 0) continue;
            uint256 record = records[i];
            if (_recover(digest, signatures, k) != MemberTable.signer(record)) revert SystemInvalidSignature(i);
            weight += MemberTable.weight(record);
            ++k;
        }
        if (k * 65 != signatures.length) revert SystemSignatureCountMismatch();
        uint256 n = _nShards;
        bool ok = strongQuorum ? 3 * weight >= 2 * n + 1 : 3 * weight >= n + 1;
        if (!ok) revert SystemQuorumNotReached(weight, n);
    }

    // =============================================================== payments

    /// @notice StorageResource and BlobRegistry only: charges `payer` (who approved this contract for WAL)
    ///         for storage of `storageBytes` encoded bytes (`storageUnits` MiB units) over
    ///         [startEpoch, endEpoch) at the current storage price, and for `writeUnits` at the write price.
    ///         Each epoch's storage share funds that epoch's committee; the write fee funds the current one.
    ///         Reverts with SystemCostTooHigh when the total exceeds `maxCost` (the payer's quote).
    function collectPayment(
        address payer,
        uint256 storageBytes,
        uint256 storageUnits,
        uint32 startEpoch,
        uint32 endEpoch,
        uint256 writeUnits,
        uint256 maxCost
    ) external returns (uint256 storageCharged, uint256 writeCharged) {
        if (msg.sender != _directory.storageResource() && msg.sender != _directory.blobRegistry()) {
            revert SystemNotPaymentCollector();
        }
        uint32 current = _epoch;
        if (current == 0) revert SystemNoCommittee(0);
        if (storageUnits != 0) {
            if (startEpoch < current || endEpoch <= startEpoch || endEpoch - current > _maxEpochsAhead) {
                revert SystemInvalidEpochRange(startEpoch, endEpoch);
            }
            _reserveCapacity(storageBytes, startEpoch, endEpoch);
            uint256 perEpoch = uint256(_storagePrice) * storageUnits;
            storageCharged = perEpoch * (endEpoch - startEpoch);
            if (startEpoch == current) _rewardRate += perEpoch.toUint128();
            else _rewardDeltas[startEpoch].add += perEpoch.toUint128();
            _rewardDeltas[endEpoch].sub += perEpoch.toUint128();
        }
        if (writeUnits != 0) {
            writeCharged = uint256(_writePrice) * writeUnits;
            _extraRewards[current] += writeCharged;
        }
        if (storageCharged + writeCharged > maxCost) revert SystemCostTooHigh(storageCharged + writeCharged, maxCost);
        emit PaymentCollected(payer, storageCharged, writeCharged, startEpoch, endEpoch);
        if (storageCharged + writeCharged != 0) {
            IERC20(_directory.wal()).safeTransferFrom(payer, address(this), storageCharged + writeCharged);
        }
    }

    // =============================================================== governance

    /// @notice Governance only: share of each epoch's income that is burned (basis points, <= 10000).
    function setBurnShare(uint16 bps) external {
        _onlyGovernance();
        if (bps > BPS) revert SystemInvalidConfig();
        _burnShareBps = bps;
        emit BurnShareChanged(bps);
    }

    /// @notice Governance only: how many epochs ahead storage may be bought (1..1000).
    function setMaxEpochsAhead(uint32 epochs) external {
        _onlyGovernance();
        if (epochs == 0 || epochs > MAX_MAX_EPOCHS_AHEAD) revert SystemInvalidConfig();
        _maxEpochsAhead = epochs;
        emit MaxEpochsAheadChanged(epochs);
    }

    // =============================================================== views

    /// @notice The current epoch and its state (0 sync, 1 done, 2 next params selected).
    function epochInfo() external view returns (uint32 epoch, uint8 state) {
        return (_epoch, _state);
    }

    /// @notice The current epoch, its state, when the state was entered (EpochChangeDone time for state
    ///         1 and 2, epoch start for 0) and the shard weight that attested sync so far.
    function epochState()
        external
        view
        returns (uint32 epoch, uint8 state, uint64 stateTimestamp, uint16 syncedWeight)
    {
        return (_epoch, _state, _stateTimestamp, _syncedWeight);
    }

    /// @notice Earliest times (unix seconds) for `votingEnd` and `initiateEpochChange` in this epoch.
    function nextTransitionTimes() external view returns (uint256 votingEndAt, uint256 epochChangeAt) {
        if (_epoch == 0) return (_firstEpochStart, _firstEpochStart);
        return (uint256(_stateTimestamp) + _epochDuration / 2, uint256(_stateTimestamp) + _epochDuration);
    }

    /// @notice Epoch duration in seconds.
    function epochDuration() external view returns (uint64) {
        return _epochDuration;
    }

    /// @notice Earliest end of epoch 0 (unix seconds).
    function firstEpochStart() external view returns (uint64) {
        return _firstEpochStart;
    }

    /// @notice Node count and stake (FROST) the first committee needs at least.
    function minFirstCommittee() external view returns (uint16 nodes, uint256 stake) {
        return (_minFirstCommitteeNodes, _minFirstCommitteeStake);
    }

    /// @notice Prices of the next epoch once its committee was selected (state 2), else the current ones.
    function nextPrices() external view returns (uint64 storagePrice_, uint64 writePrice_) {
        if (_state != STATE_NEXT_PARAMS_SELECTED) return (_storagePrice, _writePrice);
        return (_nextStoragePrice, _nextWritePrice);
    }

    /// @notice Number of shards.
    function nShards() external view returns (uint16) {
        return _nShards;
    }

    /// @notice Storage price: FROST per MiB of encoded size per epoch.
    function storagePrice() external view returns (uint64) {
        return _storagePrice;
    }

    /// @notice Write price: FROST per MiB of encoded size, once per registration.
    function writePrice() external view returns (uint64) {
        return _writePrice;
    }

    /// @notice Encoded bytes the current committee stores at most.
    function totalCapacity() external view returns (uint256) {
        return _totalCapacity;
    }

    /// @notice Encoded bytes reserved for the current epoch.
    function usedCapacity() external view returns (uint256) {
        return _usedCapacity;
    }

    /// @notice Encoded bytes reserved for `epoch` (current or future, up to max epochs ahead).
    function usedCapacityAt(uint32 epoch) external view returns (uint256 used) {
        // Every reservation ends within MAX_MAX_EPOCHS_AHEAD epochs: later epochs have nothing reserved.
        if (epoch > _epoch + MAX_MAX_EPOCHS_AHEAD) return 0;
        used = _usedCapacity;
        for (uint32 t = _epoch + 1; t <= epoch; ++t) {
            Delta memory d = _capacityDeltas[t];
            used = used + d.add - d.sub;
        }
    }

    /// @notice Income of the current epoch so far (storage share plus write fees).
    function currentEpochIncome() external view returns (uint256) {
        return uint256(_rewardRate) + _extraRewards[_epoch];
    }

    /// @notice Share of income burned at each epoch change, in basis points.
    function burnShare() external view returns (uint16) {
        return _burnShareBps;
    }

    /// @notice How many epochs ahead storage may end.
    function maxEpochsAhead() external view returns (uint32) {
        return _maxEpochsAhead;
    }

    /// @notice Active stake of `epoch`'s committee, recorded when the epoch started.
    function committeeStake(uint32 epoch) external view returns (uint256) {
        return _committeeStake[epoch];
    }

    /// @notice FROST burned from epoch income so far.
    function totalBurned() external view returns (uint256) {
        return _totalBurned;
    }

    /// @notice Storage cost in FROST of `encodedSize` bytes for `epochs` epochs at the current price.
    function storageCost(uint256 encodedSize, uint32 epochs) external view returns (uint256) {
        return uint256(_storagePrice) * _units(encodedSize) * epochs;
    }

    /// @notice Write fee in FROST for `encodedSize` bytes at the current price.
    function writeCost(uint256 encodedSize) external view returns (uint256) {
        return uint256(_writePrice) * _units(encodedSize);
    }

    /// @notice The committee of `epoch` (the current one, the next once selected, or the previous one
    ///         until the next selection): node ids ascending, shard counts and signing keys. Empty if not stored.
    function committee(uint32 epoch)
        external
        view
        returns (uint32[] memory nodeIds, uint16[] memory weights, address[] memory signers)
    {
        Committee storage c = _committees[epoch & 1];
        uint256 size = c.epoch == epoch ? c.size : 0;
        nodeIds = new uint32[](size);
        weights = new uint16[](size);
        signers = new address[](size);
        uint256[] memory records = MemberTable.read(c.members, size);
        for (uint256 i; i < size; ++i) {
            uint256 r = records[i];
            (nodeIds[i], weights[i], signers[i]) = (MemberTable.nodeId(r), MemberTable.weight(r), MemberTable.signer(r));
        }
    }

    /// @notice Whether `nodeId` is in `epoch`'s committee, and its shard count.
    function isCommitteeMember(uint32 epoch, uint32 nodeId) external view returns (bool member, uint16 weight) {
        (bool found, uint256 record,) = _findMember(epoch, nodeId);
        if (!found) return (false, 0);
        return (true, MemberTable.weight(record));
    }

    /// @notice The shards `nodeId` holds in `epoch`, ascending.
    function shardsOf(uint32 epoch, uint32 nodeId) public view returns (uint16[] memory shards) {
        (bool found, uint256 record, uint256 index) = _findMember(epoch, nodeId);
        if (!found) return shards;
        Committee storage c = _committees[epoch & 1];
        shards = new uint16[](MemberTable.weight(record));
        uint256 n = _nShards;
        uint256 k;
        uint256 word;
        for (uint256 s; s < n; ++s) {
            if (s & 31 == 0) word = c.owners[s >> 5];
            // Shard indices are below MAX_SHARDS.
            // forge-lint: disable-next-line(unsafe-typecast)
            if ((word >> ((s & 31) << 3)) & 0xff == index) shards[k++] = uint16(s);
        }
    }

    /// @notice For each shard of `epoch`, the node id that holds it (empty if the committee is not stored).
    function shardOwners(uint32 epoch) external view returns (uint32[] memory owners) {
        Committee storage c = _committees[epoch & 1];
        if (c.epoch != epoch || c.size == 0) return owners;
        uint256 n = _nShards;
        owners = new uint32[](n);
        uint256[] memory records = MemberTable.read(c.members, c.size);
        uint256 word;
        for (uint256 s; s < n; ++s) {
            if (s & 31 == 0) word = c.owners[s >> 5];
            owners[s] = MemberTable.nodeId(records[(word >> ((s & 31) << 3)) & 0xff]);
        }
    }

    /// @notice The Directory of this deployment.
    function directory() external view returns (IDirectory) {
        return _directory;
    }

    // =============================================================== internals

    function _authorizeUpgrade(address) internal view override {
        _onlyGovernance();
    }

    function _onlyGovernance() private view {
        if (msg.sender != _directory.governance()) revert SystemNotGovernance();
    }

    function _units(uint256 encodedSize) private pure returns (uint256) {
        return (encodedSize + BYTES_PER_UNIT - 1) / BYTES_PER_UNIT;
    }

    function _checkTime(uint256 delay) private view {
        uint256 notBefore = _epoch == 0 ? _firstEpochStart : uint256(_stateTimestamp) + delay;
        if (block.timestamp < notBefore) revert SystemTooEarly(notBefore);
    }

    /// @dev The signer of the k-th 65-byte (r, s, v) signature; zero for malformed or high-s signatures.
    function _recover(bytes32 digest, bytes calldata signatures, uint256 k) private pure returns (address) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            let p := add(signatures.offset, mul(k, 65))
            r := calldataload(p)
            s := calldataload(add(p, 32))
            v := byte(0, calldataload(add(p, 64)))
        }
        if (uint256(s) > 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) return address(0);
        return ecrecover(digest, v, r, s);
    }

    /// @dev Splits the ended epoch's income: the burn share is burned, the rest goes to its committee by
    ///      shards; rounding dust (everything, without a committee) carries over to the next epoch.
    function _splitIncome(uint32 ended)
        private
        returns (uint32[] memory ids, uint256[] memory rewards, uint256 burned, uint256 paid)
    {
        uint256[] memory weights;
        (ids, weights) = _committeeIdsAndWeights(ended);
        uint256 income = uint256(_rewardRate) + _extraRewards[ended];
        delete _extraRewards[ended];
        burned = income * _burnShareBps / BPS;
        uint256 rest = income - burned;
        rewards = new uint256[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            rewards[i] = rest * weights[i] / _nShards;
            paid += rewards[i];
        }
        _extraRewards[ended + 1] += rest - paid;
        _totalBurned += burned;
        emit EpochRewardsDistributed(ended, income, burned, paid);
    }

    /// @dev Rolls used capacity and the per-epoch storage income into `next`; sets its total capacity.
    function _advanceAccounting(uint32 next) private {
        Delta memory capacity = _capacityDeltas[next];
        Delta memory reward = _rewardDeltas[next];
        _usedCapacity = _usedCapacity + capacity.add - capacity.sub;
        _rewardRate = _rewardRate + reward.add - reward.sub;
        delete _capacityDeltas[next];
        delete _rewardDeltas[next];
        _totalCapacity = _nextCapacity > _usedCapacity ? _nextCapacity : _usedCapacity;
    }

    /// @dev Binary search of `nodeId` in `epoch`'s member table: (found, record, index).
    function _findMember(uint32 epoch, uint32 nodeId) private view returns (bool, uint256, uint256) {
        Committee storage c = _committees[epoch & 1];
        if (c.epoch != epoch || c.size == 0) return (false, 0, 0);
        uint256[] memory records = MemberTable.read(c.members, c.size);
        uint256 lo;
        uint256 hi = records.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            uint32 id = MemberTable.nodeId(records[mid]);
            if (id == nodeId) return (true, records[mid], mid);
            if (id < nodeId) lo = mid + 1;
            else hi = mid;
        }
        return (false, 0, 0);
    }

    function _committeeIdsAndWeights(uint32 epoch)
        private
        view
        returns (uint32[] memory ids, uint256[] memory weights)
    {
        Committee storage c = _committees[epoch & 1];
        uint256 size = c.epoch == epoch ? c.size : 0;
        ids = new uint32[](size);
        weights = new uint256[](size);
        if (size == 0) return (ids, weights);
        uint256[] memory records = MemberTable.read(c.members, size);
        for (uint256 i; i < size; ++i) {
            ids[i] = MemberTable.nodeId(records[i]);
            weights[i] = MemberTable.weight(records[i]);
        }
    }

    function _storeNextCommittee(uint32 next, uint32[] memory ids, address[] memory keys, uint256[] memory seats)
        private
    {
        uint256 n = _nShards;
        (uint32[] memory oldIds,) = _committeeIdsAndWeights(next - 1);
        Committee storage current = _committees[(next - 1) & 1];
        uint256 words = ShardAssignment.wordCount(n);
        uint256[] memory oldWords = new uint256[](oldIds.length == 0 ? 0 : words);
        for (uint256 w; w < oldWords.length; ++w) {
            oldWords[w] = current.owners[w];
        }
        uint256[] memory newWords = ShardAssignment.transition(oldIds, oldWords, ids, seats, n);
        Committee storage c = _committees[next & 1];
        c.epoch = next;
        c.size = uint16(ids.length);
        c.members = MemberTable.write(ids, seats, keys);
        for (uint256 w; w < words; ++w) {
            c.owners[w] = newWords[w];
        }
    }

    /// @dev The next epoch's capacity and prices from the selected committee's votes (weighted by shards):
    ///      capacity = the highest value that a quorum voted at or above, each vote scaled to the whole
    ///      system (vote * n / shards); prices = the lowest values such that a quorum voted at or below.
    ///      Votes count as they stand at `votingEnd`; the prices apply from the next epoch's start.
    function _selectNextParams(IStaking staking, uint32[] memory ids, uint256[] memory seats) private {
        (uint256[] memory storagePrices, uint256[] memory writePrices, uint256[] memory capacities) =
            staking.nodeVotes(ids);
        uint256 len = ids.length;
        uint256 n = _nShards;
        uint256[] memory w1 = new uint256[](len);
        uint256[] memory w2 = new uint256[](len);
        uint256[] memory w3 = new uint256[](len);
        for (uint256 i; i < len; ++i) {
            capacities[i] = capacities[i] * n / seats[i];
            (w1[i], w2[i], w3[i]) = (seats[i], seats[i], seats[i]);
        }
        (, uint256 capacity) = QuorumSelection.quorumAbove(capacities, w1, n);
        (, uint256 storageP) = QuorumSelection.quorumBelow(storagePrices, w2, n);
        (, uint256 writeP) = QuorumSelection.quorumBelow(writePrices, w3, n);
        _nextCapacity = capacity.toUint128();
        // Prices are quantiles of uint64 votes.
        // forge-lint: disable-next-line(unsafe-typecast)
        (_nextStoragePrice, _nextWritePrice) = (uint64(storageP), uint64(writeP));
        emit NextPricesSelected(_epoch + 1, storageP, writeP);
    }

    function _reserveCapacity(uint256 bytes_, uint32 startEpoch, uint32 endEpoch) private {
        uint32 current = _epoch;
        uint256 used = _usedCapacity;
        uint256 total = _totalCapacity;
        for (uint32 t = current; t < endEpoch; ++t) {
            if (t > current) {
                Delta memory d = _capacityDeltas[t];
                used = used + d.add - d.sub;
            }
            if (t >= startEpoch && used + bytes_ > total) revert SystemCapacityExceeded(t);
        }
        if (startEpoch == current) _usedCapacity += bytes_.toUint128();
        else _capacityDeltas[startEpoch].add += bytes_.toUint128();
        _capacityDeltas[endEpoch].sub += bytes_.toUint128();
    }

    /// @dev Heap sort of the candidates by node id (unique), O(n log n) in any input order.
    function _sortById(uint32[] memory ids, uint256[] memory stakes) private pure {
        uint256 len = ids.length;
        if (len < 2) return;
        for (uint256 i = len / 2; i > 0; --i) {
            _siftById(ids, stakes, i - 1, len);
        }
        for (uint256 end = len - 1; end > 0; --end) {
            (ids[0], ids[end]) = (ids[end], ids[0]);
            (stakes[0], stakes[end]) = (stakes[end], stakes[0]);
            _siftById(ids, stakes, 0, end);
        }
    }

    function _siftById(uint32[] memory ids, uint256[] memory stakes, uint256 root, uint256 size) private pure {
        while (true) {
            uint256 child = 2 * root + 1;
            if (child >= size) return;
            if (child + 1 < size && ids[child + 1] > ids[child]) ++child;
            if (ids[child] <= ids[root]) return;
            (ids[root], ids[child]) = (ids[child], ids[root]);
            (stakes[root], stakes[child]) = (stakes[child], stakes[root]);
            root = child;
        }
    }
}
