using Microsoft.Extensions.Logging;
using Walrus.Chain.Abi;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Node;
using Walrus.StorageNode.Recovery;

namespace Walrus.StorageNode.Epochs;

/// <summary>
/// The node's part of an epoch change. On EpochChangeStart it computes the shards it gains and loses; lost shards are
/// locked (served to their new owner and to readers) until EpochChangeDone, then deleted. Gained shards first get the
/// metadata of the blobs certified before the change, then their slivers page by page from the previous owner
/// (<see cref="ShardSyncClient"/>), each verified against the metadata; the cursors are persisted after every page, so
/// a restarted node resumes. A shard whose previous owner is down or keeps failing is rebuilt from other nodes' recovery
/// symbols instead (the <see cref="BlobRecoveryWorker"/> queue). When every gained shard is complete the node calls
/// epochSyncDone. State: <see cref="MigrationState"/> in the node's database.
/// </summary>
public sealed class ShardMigrationWorker : IDisposable
{
    private readonly StorageNodeService _node;
    private readonly NodeChainClient _chain;
    private readonly uint _nodeId;
    private readonly PrivateKey? _transactionKey;
    private readonly PeerClient _peers;
    private readonly ShardSyncClient _sync;
    private readonly StorageNodeOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private MigrationState _state;
    private uint _doneEpoch;
    private (uint Epoch, long Blobs, long BytesPerShard)? _handoverTotals;

    public ShardMigrationWorker(StorageNodeService node, NodeChainClient chain, uint nodeId, PrivateKey? transactionKey, PeerClient peers, ShardSyncClient sync, StorageNodeOptions options, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
        _chain = chain;
        _nodeId = nodeId;
        _transactionKey = transactionKey;
        _peers = peers;
        _sync = sync;
        _options = options;
        _logger = logger;
        _time = time;
        _state = node.Store.GetState(MigrationState.Key) is { } bytes && MigrationState.TryDeserialize(bytes, out var state) ? state : new MigrationState();
        node.SetLockedShards(_state.LockedShards);
        node.MigrationStatuses = Statuses;
        node.MigrationShardProgress = ShardProgress;
        node.MigrationProgress = ChangeProgress;
    }

    /// <summary>The epoch of the last change, when it started and when this node completed it (0: not yet).</summary>
    public (uint Epoch, long StartedAtMs, long CompletedAtMs, bool Attested) Progress
    {
        get
        {
            lock (_lock)
            {
                return (_state.Epoch, _state.StartedAtMs, _state.CompletedAtMs, _state.SyncAttested);
            }
        }
    }

    /// <summary>Each gained or locked shard's state.</summary>
    public IReadOnlyDictionary<ushort, ShardMigrationStatus> Statuses()
    {
        lock (_lock)
        {
            return _state.Shards.ToDictionary(kv => kv.Key, kv => kv.Value.Status);
        }
    }

    /// <summary>
    /// The last change's progress: start, completion, and the sliver bytes received from previous owners against the
    /// bytes the hand-over holds for the shards this node receives from one (every shard of a blob holds the same length).
    /// </summary>
    public EpochChangeProgress? ChangeProgress()
    {
        uint epoch;
        long started, completed, received;
        int transferred;
        lock (_lock)
        {
            if (_state.Epoch == 0)
            {
                return null;
            }

            epoch = _state.Epoch;
            started = _state.StartedAtMs;
            completed = _state.CompletedAtMs;
            var gained = _state.Shards.Values.Where(s => s.Status != ShardMigrationStatus.Locked && s.PeerNodeId != 0).ToList();
            received = gained.Sum(s => s.BytesReceived);
            transferred = gained.Count;
        }

        var totals = HandoverTotals(epoch);
        return new EpochChangeProgress(epoch, started, completed == 0 ? null : completed, received, totals is { } t ? t.BytesPerShard * transferred : null);
    }

    /// <summary>Blobs and bytes done for every shard still in transfer or in recovery (one scan of the blob table).</summary>
    public IReadOnlyDictionary<ushort, ShardSyncProgress> ShardProgress()
    {
        uint epoch;
        List<(ShardIndex Shard, uint Peer, long Bytes)> moving;
        lock (_lock)
        {
            epoch = _state.Epoch;
            moving = [.. _state.Shards.Values.Where(s => s.Status is ShardMigrationStatus.InTransfer or ShardMigrationStatus.InRecovery).Select(s => (s.Shard, s.PeerNodeId, s.BytesReceived))];
        }

        var result = new Dictionary<ushort, ShardSyncProgress>();
        if (moving.Count == 0)
        {
            return result;
        }

        var done = new long[moving.Count];
        foreach (var (blobId, _) in _node.Store.ScanBlobs())
        {
            if (!_node.IsHandedOver(blobId, epoch))
            {
                continue;
            }

            for (var i = 0; i < moving.Count; i++)
            {
                if (_node.Store.HasSliver(moving[i].Shard, blobId, SliverType.Primary) && _node.Store.HasSliver(moving[i].Shard, blobId, SliverType.Secondary))
                {
                    done[i]++;
                }
            }
        }

        var totals = HandoverTotals(epoch);
        for (var i = 0; i < moving.Count; i++)
        {
            result[moving[i].Shard.Value] = new ShardSyncProgress(moving[i].Peer, done[i], totals?.Blobs, moving[i].Bytes, totals?.BytesPerShard);
        }

        return result;
    }

    /// <summary>Blobs the change hands over and their sliver bytes per shard (primary and secondary), computed once per epoch.</summary>
    private (uint Epoch, long Blobs, long BytesPerShard)? HandoverTotals(uint epoch)
    {
        lock (_lock)
        {
            if (_handoverTotals is { } cached && cached.Epoch == epoch)
            {
                return cached;
            }
        }

        if (_node.Committee is not { } committee || committee.Epoch != epoch || !EncodingConfig.TryCreate(committee.ShardCount, out var config, out _))
        {
            return null;
        }

        long blobs = 0, bytes = 0;
        foreach (var (blobId, record) in _node.Store.ScanBlobs())
        {
            if (_node.IsHandedOver(blobId, epoch) && config.TryGetSymbolSize((long)record.Size, out _))
            {
                blobs++;
                bytes += config.SliverLength(SliverType.Primary, (long)record.Size) + config.SliverLength(SliverType.Secondary, (long)record.Size);
            }
        }

        var totals = (epoch, blobs, bytes);
        lock (_lock)
        {
            _handoverTotals = totals;
        }

        return totals;
    }

    /// <summary>EpochChangeStart: plans the change from the previous and the current committee (idempotent per epoch).</summary>
    public void OnEpochChangeStart(uint epoch, CommitteeView current, CommitteeView previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        List<ushort> gained = [];
        List<ushort> lost = [];
        List<ShardIndex> released = [];
        lock (_lock)
        {
            if (_state.Epoch >= epoch)
            {
                return;
            }

            var next = new MigrationState
            {
                Epoch = epoch,
                SyncAttested = current.OwnedShards.Count == 0,
                StartedAtMs = _time.GetUtcNow().ToUnixTimeMilliseconds(),
            };

            // Shards locked at an earlier change had a whole epoch to be handed over: released now.
            foreach (var old in _state.Shards.Values)
            {
                if (old.Status == ShardMigrationStatus.Locked && !current.Owns(old.Shard))
                {
                    released.Add(old.Shard);
                }
            }

            foreach (var shard in current.OwnedShards)
            {
                if (previous.Owns(shard))
                {
                    continue;
                }

                gained.Add(shard.Value);
                var owner = previous.OwnerOf(shard);
                var regained = _state.Shards.TryGetValue(shard.Value, out var earlier) && earlier.Status == ShardMigrationStatus.Locked;
                next.Shards[shard.Value] = new ShardMigration
                {
                    Shard = shard,
                    Epoch = epoch,
                    // No previous owner (the first committee): nothing to receive. Data still here from an earlier lock:
                    // fill what is missing through recovery.
                    Status = owner is null ? ShardMigrationStatus.Owned : regained ? ShardMigrationStatus.InRecovery : ShardMigrationStatus.InTransfer,
                    PeerNodeId = owner?.NodeId ?? 0,
                    PeerAddress = owner?.NetworkAddress ?? "",
                };
            }

            foreach (var shard in previous.OwnedShards)
            {
                if (!current.Owns(shard))
                {
                    lost.Add(shard.Value);
                    next.Shards[shard.Value] = new ShardMigration
                    {
                        Shard = shard,
                        Epoch = epoch,
                        Status = ShardMigrationStatus.Locked,
                        PeerNodeId = current.OwnerOf(shard)?.NodeId ?? 0,
                        PrimaryCursor = null,
                        SecondaryCursor = null,
                    };
                }
            }

            _state = next;
            Persist();
        }

        _node.SetLockedShards(_state.LockedShards);
        _node.SetPreviousCommittee(previous);
        foreach (var shard in released)
        {
            _node.Store.DropShard(shard);
            Log.ShardDropped(_logger, shard.Value, epoch - 1);
        }

        var gainedText = string.Join(',', gained);
        var lostText = string.Join(',', lost);
        Log.MigrationStarted(_logger, epoch, gainedText, lostText);
        _wake.Release();
    }

    /// <summary>
    /// EpochChangeDone: the locked shards of that change whose new owner attested (ShardsReceived) are deleted; the others
    /// stay served until their new owner attests or the next change starts, so a new owner that was down or slow can
    /// still pull them.
    /// </summary>
    public void OnEpochChangeDone(uint epoch)
    {
        lock (_lock)
        {
            _doneEpoch = Math.Max(_doneEpoch, epoch);
        }

        DropReleased();
    }

    /// <summary>ShardsReceived: the new owner of these shards holds them.</summary>
    public void OnShardsReceived(uint epoch, IReadOnlyList<ushort> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        lock (_lock)
        {
            foreach (var shard in shards)
            {
                if (_state.Shards.TryGetValue(shard, out var entry) && entry.Status == ShardMigrationStatus.Locked && entry.Epoch == epoch)
                {
                    entry.Received = true;
                }
            }
        }

        DropReleased();
    }

    private void DropReleased()
    {
        var committee = _node.Committee;
        List<ShardMigration> dropped = [];
        lock (_lock)
        {
            foreach (var shard in _state.Shards.Values.ToList())
            {
                if (shard.Status == ShardMigrationStatus.Locked && shard.Received && shard.Epoch <= _doneEpoch && committee?.Owns(shard.Shard) != true)
                {
                    _state.Shards.Remove(shard.Shard.Value);
                    dropped.Add(shard);
                }
            }

            if (dropped.Count == 0)
            {
                return;
            }

            Persist();
        }

        // Unlock first: nothing is served from a shard while its range is deleted.
        _node.SetLockedShards(_state.LockedShards);
        foreach (var shard in dropped)
        {
            _node.Store.DropShard(shard.Shard);
            Log.ShardDropped(_logger, shard.Shard.Value, shard.Epoch);
        }
    }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RestorePreviousCommitteeAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await StepAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.MigrationFailed(_logger, e);
                }

                await _wake.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public void Dispose() => _wake.Dispose();

    /// <summary>After a restart in the middle of a change: the previous committee again (its nodes hold data and symbols).</summary>
    private async Task RestorePreviousCommitteeAsync(CancellationToken cancellationToken)
    {
        uint epoch;
        bool running;
        lock (_lock)
        {
            epoch = _state.Epoch;
            running = _state.CompletedAtMs == 0 || _state.LockedShards.Any();
        }

        if (running && epoch > 0 && _node.Committee?.Epoch == epoch && _node.PreviousCommittee is null)
        {
            try
            {
                _node.SetPreviousCommittee(await _chain.GetCommitteeViewAsync(_nodeId, epoch - 1, cancellationToken));
            }
            catch (Exception e) when (e is RpcException or RpcTransportException or HttpRequestException or ContractRevertException)
            {
                // Without it recovery asks only the current committee.
            }
        }
    }

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        var committee = _node.Committee;
        uint epoch;
        bool metadataSynced;
        List<ShardMigration> transfers;
        List<ShardMigration> recovering;
        lock (_lock)
        {
            epoch = _state.Epoch;
            metadataSynced = _state.MetadataSynced;
            transfers = _state.Shards.Values.Where(s => s.Status == ShardMigrationStatus.InTransfer).ToList();
            recovering = _state.Shards.Values.Where(s => s.Status == ShardMigrationStatus.InRecovery).ToList();
        }

        if (committee is null || committee.Epoch != epoch || epoch == 0)
        {
            return;
        }

        if (!metadataSynced && (transfers.Count > 0 || recovering.Count > 0))
        {
            await SyncMetadataAsync(committee, epoch, cancellationToken);
            lock (_lock)
            {
                _state.MetadataSynced = true;
                Persist();
            }
        }

        await Parallel.ForEachAsync(transfers, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.ShardSyncConcurrency), CancellationToken = cancellationToken },
            async (shard, token) => await TransferAsync(committee, shard, token));

        foreach (var shard in recovering)
        {
            if (CountMissing(shard.Shard, epoch, queue: false) == 0)
            {
                Complete(shard);
            }
        }

        await AttestIfCompleteAsync(epoch, cancellationToken);
    }

    /// <summary>Stores the metadata of every blob certified before the change that this node lacks.</summary>
    private async Task SyncMetadataAsync(CommitteeView committee, uint epoch, CancellationToken cancellationToken)
    {
        var config = EncodingConfig.Create(committee.ShardCount);
        var missing = _node.Store.ScanBlobs().Where(b => !_node.Store.HasMetadata(b.BlobId) && _node.IsHandedOver(b.BlobId, epoch)).Select(b => b.BlobId).ToList();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (blobId, token) => await FetchMetadataAsync(committee, config, blobId, token));
    }

    private async Task<BlobMetadata?> FetchMetadataAsync(CommitteeView committee, EncodingConfig config, BlobId blobId, CancellationToken cancellationToken)
    {
        foreach (var peer in _node.PeerAddresses(committee, includeSelf: false))
        {
            try
            {
                if (await _peers.GetMetadataAsync(peer, blobId, config, cancellationToken) is { } metadata)
                {
                    _node.StoreRecoveredMetadata(blobId, metadata);
                    return metadata;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Next peer.
            }
        }

        return null;
    }

    /// <summary>Pulls a gained shard's slivers from its previous owner, page by page, from the persisted cursors.</summary>
    private async Task TransferAsync(CommitteeView committee, ShardMigration shard, CancellationToken cancellationToken)
    {
        var config = EncodingConfig.Create(committee.ShardCount);
        var n = committee.ShardCount;
        foreach (var type in new[] { SliverType.Primary, SliverType.Secondary })
        {
            while (shard.Cursor(type) is { } cursor)
            {
                List<(BlobId BlobId, SliverData Sliver)> page;
                try
                {
                    page = await _sync.GetPageAsync(shard.PeerAddress, shard.Epoch, shard.Shard, type, cursor, _options.ShardSyncMaxPageSlivers, _options.ShardSyncMaxPageBytes, config, cancellationToken);
                }
                catch (Exception e) when (e is ShardSyncException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    Fail(shard, e.Message);
                    return;
                }

                long bytes = 0;
                foreach (var (blobId, sliver) in page)
                {
                    var metadata = _node.LoadMetadata(blobId) ?? await FetchMetadataAsync(committee, config, blobId, cancellationToken);
                    var expected = ShardMapping.PairForShard(blobId, shard.Shard, n).ToSliverIndex(type, n);
                    // A sliver that does not verify is left out; the completeness check queues it for recovery.
                    if (metadata is null || sliver.Index != expected || SliverVerifier.Verify(sliver, metadata, config) != SliverVerificationResult.Valid)
                    {
                        continue;
                    }

                    _node.StoreTransferredSliver(shard.Shard, blobId, sliver);
                    bytes += sliver.Symbols.Length;
                }

                lock (_lock)
                {
                    shard.Failures = 0;
                    shard.FailingSince = null;
                    shard.SliversReceived += page.Count;
                    shard.BytesReceived += bytes;
                    shard.SetCursor(type, page.Count == 0 ? null : BlobIdOrder.Next(page[^1].BlobId));
                    Persist();
                }

                if (_options.ShardSyncPageDelayMillis > 0 && page.Count > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(_options.ShardSyncPageDelayMillis), _time, cancellationToken);
                }
            }

            var typeText = NodeApiRoutes.SliverTypeText(type);
            Log.ShardTypeSynced(_logger, shard.Shard.Value, typeText, shard.PeerNodeId, shard.SliversReceived, shard.BytesReceived);
        }

        // What the previous owner lacked or sent wrong is rebuilt from symbols.
        if (CountMissing(shard.Shard, shard.Epoch, queue: true) == 0)
        {
            Complete(shard);
        }
        else
        {
            lock (_lock)
            {
                shard.Status = ShardMigrationStatus.InRecovery;
                Persist();
            }
        }
    }

    private void Fail(ShardMigration shard, string why)
    {
        var now = _time.GetUtcNow();
        bool switchToRecovery;
        lock (_lock)
        {
            shard.Failures++;
            shard.FailingSince ??= now;
            switchToRecovery = shard.Failures >= _options.ShardSyncMaxFailures
                || now - shard.FailingSince.Value >= TimeSpan.FromSeconds(_options.ShardSyncSwitchToRecoverySeconds);
        }

        if (!switchToRecovery)
        {
            Log.ShardSyncFailed(_logger, shard.Shard.Value, shard.PeerNodeId, why);
            return;
        }

        Log.ShardToRecovery(_logger, shard.Shard.Value, shard.PeerNodeId, shard.Failures, why);
        lock (_lock)
        {
            shard.Status = ShardMigrationStatus.InRecovery;
            Persist();
        }

        CountMissing(shard.Shard, shard.Epoch, queue: true);
    }

    /// <summary>Blobs certified before the change that lack a sliver of <paramref name="shard"/>; optionally queued for recovery.</summary>
    private int CountMissing(ShardIndex shard, uint epoch, bool queue)
    {
        var missing = 0;
        foreach (var (blobId, _) in _node.Store.ScanBlobs())
        {
            if (_node.IsHandedOver(blobId, epoch)
                && (!_node.Store.HasSliver(shard, blobId, SliverType.Primary) || !_node.Store.HasSliver(shard, blobId, SliverType.Secondary)))
            {
                missing++;
                if (queue)
                {
                    _node.RequestRecovery(blobId);
                }
            }
        }

        return missing;
    }

    private void Complete(ShardMigration shard)
    {
        lock (_lock)
        {
            shard.Status = ShardMigrationStatus.Owned;
            Persist();
        }

        Log.ShardComplete(_logger, shard.Shard.Value, shard.Epoch);
    }

    private async Task AttestIfCompleteAsync(uint epoch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_state.Shards.Values.Any(s => s.Status is ShardMigrationStatus.InTransfer or ShardMigrationStatus.InRecovery))
            {
                return;
            }

            if (_state.CompletedAtMs == 0)
            {
                _state.CompletedAtMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
                Persist();
                var bytes = _state.Shards.Values.Where(s => s.Status != ShardMigrationStatus.Locked).Sum(s => s.BytesReceived);
                var slivers = _state.Shards.Values.Where(s => s.Status != ShardMigrationStatus.Locked).Sum(s => s.SliversReceived);
                Log.MigrationComplete(_logger, epoch, _state.CompletedAtMs - _state.StartedAtMs, slivers, bytes);
            }

            if (_state.SyncAttested)
            {
                return;
            }
        }

        if (_transactionKey is null)
        {
            return;
        }

        try
        {
            await _chain.EpochSyncDoneAsync(_transactionKey, _nodeId, epoch, cancellationToken);
            Log.SyncAttested(_logger, epoch);
        }
        catch (ContractRevertException e)
        {
            // Attested already (a restart), the change is done without this node, or a newer epoch began: nothing to do.
            var why = e.Message;
            Log.CrankSkipped(_logger, "epochSyncDone", why);
        }

        lock (_lock)
        {
            _state.SyncAttested = true;
            Persist();
        }
    }

    private void Persist() => _node.Store.PutState(MigrationState.Key, _state.Serialize());
}
