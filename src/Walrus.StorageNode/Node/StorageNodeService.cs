using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Storage;

namespace Walrus.StorageNode.Node;

/// <summary>
/// The storage node's logic over its store: accepts metadata and slivers for registered blobs of its shards, verifies
/// them, stores them durably, signs confirmations once every sliver pair of its shards is stored, serves slivers and
/// symbols, and applies chain events (<see cref="StorageNodeService"/>.Events.cs).
/// </summary>
public sealed partial class StorageNodeService : IStorageNodeService, IDisposable
{
    private readonly INodeStore _store;
    private readonly NodeSigner _signer;
    private readonly StorageNodeOptions _options;
    private readonly NodeTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PendingUploads _pending;
    private readonly SemaphoreSlim _symbolRequests;
    private readonly ConcurrentDictionary<BlobId, BlobMetadata> _metadataCache = new();
    private readonly long _startTimestamp;
    private volatile CommitteeView? _committee;
    private TaskCompletionSource _registrationSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Called when a request needs a registration the node has not seen yet (a confirmation is asked for, an upload is
    /// buffered): the event processor then looks at the chain at once instead of at its next poll, so a store does not
    /// wait out the poll interval between its registration and its confirmations.
    /// </summary>
    public Action? AwaitingRegistration { get; set; }
    private long _eventsHandled;
    private long _lastEventBlock;
    private long _eventLagBlocks;

    public StorageNodeService(INodeStore store, NodeSigner signer, StorageNodeOptions options, NodeTelemetry telemetry, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _signer = signer;
        _options = options;
        _telemetry = telemetry;
        _logger = logger;
        _time = time;
        _pending = new PendingUploads(options.PendingUploadMaxBytes, TimeSpan.FromSeconds(options.PendingUploadSeconds), time);
        _symbolRequests = new SemaphoreSlim(options.SymbolRequestConcurrency);
        _startTimestamp = time.GetTimestamp();
        telemetry.Meter.CreateObservableGauge("walrus_node_recovery_backlog", () => (long)_store.RecoveryQueue(1_000_000).Count, description: "Certified blobs waiting for recovery of missing slivers.");
        telemetry.Meter.CreateObservableGauge("walrus_node_event_lag_blocks", () => Interlocked.Read(ref _eventLagBlocks), description: "Blocks between the chain head and the last handled event.");
        telemetry.Meter.CreateObservableGauge("walrus_node_pending_upload_bytes", () => _pending.Bytes, description: "Bytes of uploads buffered before their registration.");
        telemetry.Meter.CreateObservableGauge("walrus_node_epoch", () => (long)(_committee?.Epoch ?? 0), description: "The epoch the node works in.");
        telemetry.Meter.CreateObservableGauge("walrus_node_owned_shards", () => (long)(_committee?.OwnedShards.Count ?? 0), description: "Shards this node holds in the current epoch.");
    }

    /// <summary>The node's current committee view, or null before the first one is known.</summary>
    public CommitteeView? Committee => _committee;

    /// <summary>The store.</summary>
    public INodeStore Store => _store;

    /// <summary>The signer.</summary>
    public NodeSigner Signer => _signer;

    /// <summary>The pending uploads.</summary>
    public PendingUploads Pending => _pending;

    private CommitteeView RequireCommittee() =>
        _committee ?? throw new NodeException(NodeErrorReason.NodeNotReady, "The node has not seen its committee yet.");

    private static EncodingConfig Config(CommitteeView committee) => EncodingConfig.Create(committee.ShardCount);

    // ---- metadata ----

    public long MetadataBodyLimit(BlobId blobId, bool pending)
    {
        var committee = RequireCommittee();
        RequireWritable(blobId, committee, pending);
        return NodeApiLimits.MaxMetadataBody(Config(committee));
    }

    public StoreOutcome StoreMetadata(BlobId blobId, ReadOnlySpan<byte> body, bool pending)
    {
        var committee = RequireCommittee();
        var registered = RequireWritable(blobId, committee, pending);
        var config = Config(committee);
        if (!BlobMetadata.TryFromBcs(body, out var metadata, out var error, committee.ShardCount))
        {
            throw new NodeException(NodeErrorReason.MalformedBody, "The body is not BCS BlobMetadata: " + error);
        }

        var result = new BlobMetadataWithId(blobId, metadata).Verify(config);
        if (result != MetadataVerificationResult.Valid)
        {
            throw new NodeException(NodeErrorReason.InvalidMetadata, "The metadata does not verify against the blob id: " + result);
        }

        if (!registered)
        {
            if (!_pending.TryAddMetadata(blobId, body.ToArray()))
            {
                throw new NodeException(NodeErrorReason.BlobUnavailable, "The pending-upload buffer is full; retry after registering the blob.");
            }

            AwaitingRegistration?.Invoke();
            return FlushIfRegisteredMeanwhile(blobId, committee);
        }

        if (_store.HasMetadata(blobId))
        {
            return StoreOutcome.AlreadyStored;
        }

        _store.PutMetadata(blobId, body);
        _metadataCache.TryAdd(blobId, metadata);
        _telemetry.MetadataStored.Add(1);
        return StoreOutcome.Stored;
    }

    public byte[] GetMetadata(BlobId blobId)
    {
        RequireReadable(blobId);
        var bytes = _store.GetMetadata(blobId) ?? throw new NodeException(NodeErrorReason.MetadataNotFound, "The metadata of the blob is not stored on this node.");
        var result = new byte[BlobId.Length + bytes.Length];
        blobId.CopyTo(result);
        bytes.CopyTo(result.AsSpan(BlobId.Length));
        return result;
    }

    public StoredOnNodeStatus GetMetadataStatus(BlobId blobId) =>
        _store.HasMetadata(blobId) ? StoredOnNodeStatus.Stored
        : _pending.GetMetadata(blobId) is not null ? StoredOnNodeStatus.Buffered
        : StoredOnNodeStatus.Nonexistent;

    // ---- slivers ----

    public long SliverBodyLimit(BlobId blobId, int pairIndex, SliverType type, bool pending)
    {
        var committee = RequireCommittee();
        var pair = RequirePair(committee, pairIndex);
        var registered = RequireWritable(blobId, committee, pending);
        RequireOwned(committee, blobId, pair);
        var metadata = UploadMetadata(blobId, registered);
        return SliverLimit(Config(committee), metadata, type);
    }

    public StoreOutcome StoreSliver(BlobId blobId, SliverPairIndex pair, SliverType type, ReadOnlyMemory<byte> body, bool pending)
    {
        var committee = RequireCommittee();
        RequirePair(committee, pair.Value);
        var registered = RequireWritable(blobId, committee, pending);
        RequireOwned(committee, blobId, pair);
        var metadata = UploadMetadata(blobId, registered)
            ?? throw new NodeException(NodeErrorReason.MetadataNotFound, "Store the blob's metadata before its slivers.");
        var (shard, sliver) = VerifySliverUpload(committee, Config(committee), metadata, blobId, pair.Value, type, body);
        if (!registered)
        {
            if (!_pending.TryAddSliver(blobId, pair, type, body.ToArray()))
            {
                throw new NodeException(NodeErrorReason.BlobUnavailable, "The pending-upload buffer is full; retry after registering the blob.");
            }

            return FlushIfRegisteredMeanwhile(blobId, committee);
        }

        if (_store.HasSliver(shard, blobId, type))
        {
            return StoreOutcome.AlreadyStored;
        }

        _store.PutSliver(shard, blobId, type, body.Span);
        _telemetry.SliversStored.Add(1);
        _telemetry.SliverBytesStored.Add(sliver.Symbols.Length);
        return StoreOutcome.Stored;
    }

    /// <summary>
    /// After buffering: if the registration was applied while this request ran (its flush may have missed the upload),
    /// store the buffer now.
    /// </summary>
    private StoreOutcome FlushIfRegisteredMeanwhile(BlobId blobId, CommitteeView committee)
    {
        if (_store.GetBlob(blobId) is { } record && record.IsRegisteredIn(committee.Epoch))
        {
            FlushPending(blobId);
            return StoreOutcome.Stored;
        }

        return StoreOutcome.Buffered;
    }

    /// <summary>The exact largest body of a sliver of <paramref name="type"/> (the metadata fixes the symbol size).</summary>
    private static long SliverLimit(EncodingConfig config, BlobMetadata? metadata, SliverType type)
    {
        if (metadata is null || !metadata.TryGetSymbolSize(config, out var symbolSize))
        {
            throw new NodeException(NodeErrorReason.MetadataNotFound, "Store the blob's metadata before its slivers.");
        }

        return ((long)config.SymbolsPerSliver(type) * symbolSize) + NodeApiLimits.SliverBodyOverhead;
    }

    /// <summary>
    /// Every check of an uploaded sliver, shared by the single and the batch upload: the pair index is in range, its shard
    /// is this node's, and the body is a BCS sliver of that index that matches the metadata.
    /// </summary>
    private static (ShardIndex Shard, SliverData Sliver) VerifySliverUpload(
        CommitteeView committee, EncodingConfig config, BlobMetadata metadata, BlobId blobId, int pairIndex, SliverType type, ReadOnlyMemory<byte> body)
    {
        var pair = RequirePair(committee, pairIndex);
        var shard = RequireOwned(committee, blobId, pair);
        return (shard, ParseAndVerifySliver(config, metadata, pair, type, body));
    }

    private static SliverData ParseAndVerifySliver(EncodingConfig config, BlobMetadata metadata, SliverPairIndex pair, SliverType type, ReadOnlyMemory<byte> body)
    {
        // Verified where it lies (the request's pooled buffer): nothing is copied before it is known to be good.
        if (!SliverData.TryFromBcsInPlace(body, type, config.MaxSliverSize, out var sliver, out var error))
        {
            throw new NodeException(NodeErrorReason.MalformedBody, "The body is not a BCS sliver: " + error);
        }

        var expectedIndex = pair.ToSliverIndex(type, config.ShardCount);
        if (sliver.Index != expectedIndex)
        {
            throw new NodeException(NodeErrorReason.InvalidSliver, $"The {type} sliver of pair {pair.Value} has index {expectedIndex.Value}, not {sliver.Index.Value}.");
        }

        var result = SliverVerifier.Verify(sliver, metadata, config);
        if (result != SliverVerificationResult.Valid)
        {
            throw new NodeException(NodeErrorReason.InvalidSliver, "The sliver does not match the blob's metadata: " + result);
        }

        return sliver;
    }

    public byte[] GetSliver(BlobId blobId, int pairIndex, SliverType type)
    {
        var committee = RequireCommittee();
        var pair = RequirePair(committee, pairIndex);
        RequireReadable(blobId);
        var shard = RequireServed(committee, blobId, pair);
        var sliver = _store.GetSliver(shard, blobId, type) ?? throw new NodeException(NodeErrorReason.SliverNotFound, "The sliver is not stored on this node.");
        _telemetry.SliversServed.Add(1);
        return sliver;
    }

    public StoredOnNodeStatus GetSliverStatus(BlobId blobId, int pairIndex, SliverType type)
    {
        var committee = RequireCommittee();
        var pair = RequirePair(committee, pairIndex);
        var shard = RequireServed(committee, blobId, pair);
        return _store.HasSliver(shard, blobId, type) ? StoredOnNodeStatus.Stored
            : _pending.HasSliver(blobId, pair, type) ? StoredOnNodeStatus.Buffered
            : StoredOnNodeStatus.Nonexistent;
    }

    /// <summary>Whether every sliver pair of the node's shards is stored for the blob.</summary>
    public bool IsFullyStored(BlobId blobId, CommitteeView committee)
    {
        ArgumentNullException.ThrowIfNull(committee);
        if (!_store.HasMetadata(blobId))
        {
            return false;
        }

        foreach (var shard in committee.OwnedShards)
        {
            if (!_store.HasSliver(shard, blobId, SliverType.Primary) || !_store.HasSliver(shard, blobId, SliverType.Secondary))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Stores metadata fetched from other nodes and verified against the blob id.</summary>
    public void StoreRecoveredMetadata(BlobId blobId, BlobMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!_store.HasMetadata(blobId))
        {
            _store.PutMetadata(blobId, metadata.ToBcs());
            _metadataCache.TryAdd(blobId, metadata);
            _telemetry.MetadataStored.Add(1);
        }
    }

    /// <summary>Stores a sliver rebuilt from recovery symbols and verified against the metadata.</summary>
    public void StoreRecoveredSliver(ShardIndex shard, BlobId blobId, SliverData sliver)
    {
        ArgumentNullException.ThrowIfNull(sliver);
        if (!_store.HasSliver(shard, blobId, sliver.Type))
        {
            _store.PutSliver(shard, blobId, sliver.Type, sliver.ToBcs());
            _telemetry.SliversRecovered.Add(1);
            _telemetry.SliversStored.Add(1);
            _telemetry.SliverBytesStored.Add(sliver.Symbols.Length);
        }
    }

    // ---- checks ----

    private static SliverPairIndex RequirePair(CommitteeView committee, int pairIndex)
    {
        if (pairIndex < 0 || pairIndex >= committee.ShardCount)
        {
            throw new NodeException(NodeErrorReason.IndexOutOfRange, $"Sliver pair index {pairIndex} is not below the shard count {committee.ShardCount}.");
        }

        return new SliverPairIndex((ushort)pairIndex);
    }

    private static ShardIndex RequireOwned(CommitteeView committee, BlobId blobId, SliverPairIndex pair)
    {
        var shard = ShardMapping.ShardForPair(blobId, pair, committee.ShardCount);
        if (!committee.Owns(shard))
        {
            throw new NodeException(NodeErrorReason.ShardNotAssigned, $"Sliver pair {pair.Value} of this blob is on shard {shard.Value}, which this node does not hold in epoch {committee.Epoch}.");
        }

        return shard;
    }

    /// <summary>Throws unless data for the blob may be written; returns false when it goes to the pending buffer.</summary>
    private bool RequireWritable(BlobId blobId, CommitteeView committee, bool pending)
    {
        var record = _store.GetBlob(blobId);
        if (record is { Invalid: true })
        {
            throw new NodeException(NodeErrorReason.BlobInvalid, "The blob id was marked invalid.");
        }

        if (record is not null && record.IsRegisteredIn(committee.Epoch))
        {
            return true;
        }

        if (pending)
        {
            return false;
        }

        throw record is null
            ? new NodeException(NodeErrorReason.BlobNotRegistered, "The blob is not registered (or its registration was not seen yet; retry, or upload with ?pending=true).")
            : new NodeException(NodeErrorReason.BlobNotRegistered, $"The blob's registrations ended (end epoch {record.EndEpoch}) or were deleted.");
    }

    private void RequireReadable(BlobId blobId)
    {
        if (_store.GetBlob(blobId) is { Invalid: true })
        {
            throw new NodeException(NodeErrorReason.BlobInvalid, "The blob id was marked invalid.");
        }
    }

    /// <summary>
    /// The metadata a sliver upload is checked against: stored, else buffered. The registration may be applied while this
    /// runs; its flush stores the buffered metadata before removing it from the buffer, so a last look at the store finds
    /// metadata that left the buffer between the first two looks.
    /// </summary>
    private BlobMetadata? UploadMetadata(BlobId blobId, bool registered) =>
        LoadMetadata(blobId) ?? (registered ? FlushPendingAndLoadMetadata(blobId) : PendingMetadata(blobId)) ?? LoadMetadata(blobId);

    /// <summary>
    /// The metadata of a registered blob that is still in the pending buffer: a registration applied while the metadata's
    /// own upload was being buffered can leave it there for a moment, so store it now instead of refusing the sliver.
    /// </summary>
    private BlobMetadata? FlushPendingAndLoadMetadata(BlobId blobId)
    {
        FlushPending(blobId);
        return LoadMetadata(blobId);
    }

    /// <summary>The parsed metadata of a stored blob, or null.</summary>
    public BlobMetadata? LoadMetadata(BlobId blobId)
    {
        if (_metadataCache.TryGetValue(blobId, out var cached))
        {
            return cached;
        }

        var bytes = _store.GetMetadata(blobId);
        if (bytes is null || !BlobMetadata.TryFromBcs(bytes, out var metadata, out _))
        {
            return null;
        }

        if (_metadataCache.Count >= _options.MetadataCacheEntries)
        {
            _metadataCache.Clear();
        }

        _metadataCache.TryAdd(blobId, metadata);
        return metadata;
    }

    private BlobMetadata? PendingMetadata(BlobId blobId) =>
        _pending.GetMetadata(blobId) is { } bytes && BlobMetadata.TryFromBcs(bytes, out var metadata, out _) ? metadata : null;

    // ---- health ----

    public NodeHealth GetHealth(bool detailed)
    {
        var committee = _committee;
        var backlog = _store.RecoveryQueue(100_000).Count;
        var owned = committee?.OwnedShards.Count ?? 0;
        var migration = MigrationStatuses?.Invoke() ?? new Dictionary<ushort, Epochs.ShardMigrationStatus>();
        int inTransfer = 0, inRecovery = 0, locked = 0;
        foreach (var status in migration.Values)
        {
            inTransfer += status == Epochs.ShardMigrationStatus.InTransfer ? 1 : 0;
            inRecovery += status == Epochs.ShardMigrationStatus.InRecovery ? 1 : 0;
            locked += status == Epochs.ShardMigrationStatus.Locked ? 1 : 0;
        }

        List<ShardHealth>? detail = null;
        if (detailed && committee is not null)
        {
            detail = [];
            var progress = inTransfer + inRecovery > 0 ? MigrationShardProgress?.Invoke() : null;
            foreach (var shard in ServedShards(committee))
            {
                long count = 0;
                foreach (var _ in _store.ScanShard(shard))
                {
                    count++;
                }

                var status = migration.TryGetValue(shard.Value, out var state) ? state : Epochs.ShardMigrationStatus.Owned;
                detail.Add(new ShardHealth(shard.Value, ShardStatusText(status), count)
                {
                    Progress = progress is not null && progress.TryGetValue(shard.Value, out var done) ? done : null,
                });
            }
        }

        return new NodeHealth
        {
            Uptime = NodeUptime.From(_time.GetElapsedTime(_startTimestamp)),
            Epoch = committee?.Epoch ?? 0,
            PublicKey = _signer.Address,
            NodeId = committee?.NodeId ?? 0,
            NodeStatus = committee is null || owned == 0 ? "Standby" : backlog > 0 || inTransfer + inRecovery > 0 ? "RecoveryInProgress" : "Active",
            EventProgress = new EventProgress((ulong)Interlocked.Read(ref _eventsHandled), (ulong)Math.Max(0, Interlocked.Read(ref _eventLagBlocks)), (ulong)Interlocked.Read(ref _lastEventBlock)),
            ShardSummary = new ShardSummary(owned, owned - inTransfer - inRecovery, inTransfer, inRecovery, backlog) { Locked = locked },
            EpochChange = MigrationProgress?.Invoke(),
            ShardDetail = detail,
        };
    }

    /// <summary>The health text of a shard state: <c>owned</c>, <c>inTransfer</c>, <c>inRecovery</c>, <c>locked</c>.</summary>
    public static string ShardStatusText(Epochs.ShardMigrationStatus status) => status switch
    {
        Epochs.ShardMigrationStatus.InTransfer => "inTransfer",
        Epochs.ShardMigrationStatus.InRecovery => "inRecovery",
        Epochs.ShardMigrationStatus.Locked => "locked",
        _ => "owned",
    };

    /// <summary>Records the chain head lag of event processing (blocks).</summary>
    public void ReportEventLag(long blocks) => Interlocked.Exchange(ref _eventLagBlocks, blocks);

    public void Dispose()
    {
        _symbolRequests.Dispose();
    }
}
