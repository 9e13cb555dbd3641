using System.Numerics;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Storage;

namespace Walrus.StorageNode.Node;

/// <summary>Chain events applied to the node's state. Every handler is idempotent: after a restart a few events repeat.</summary>
public sealed partial class StorageNodeService
{
    /// <summary>Raised after a blob was certified and this node lacks some of its slivers (recovery picks it up).</summary>
    public event Action<BlobId>? RecoveryNeeded;

    /// <summary>A new committee view (start, epoch change): drops the data of blobs that expired at the boundary.</summary>
    public void ApplyCommittee(CommitteeView committee)
    {
        ArgumentNullException.ThrowIfNull(committee);
        var previous = _committee;
        _committee = committee;
        Log.EpochChanged(_logger, committee.Epoch, committee.OwnedShards.Count, committee.ShardCount, committee.NodeId);
        if (previous is null || previous.Epoch != committee.Epoch)
        {
            DropExpired(committee);
        }

        SignalRegistration();
    }

    /// <summary>BlobRegistered: counts the registration and stores what was buffered for the blob.</summary>
    public void ApplyRegistered(BlobId blobId, BigInteger objectId, ulong size, uint epoch, uint endEpoch, bool deletable, EventId eventId)
    {
        CountEvent(eventId);
        if (_store.GetObject(objectId) is not null)
        {
            return;
        }

        var record = _store.GetBlob(blobId) ?? new BlobRecord { RegisteredEpoch = epoch, Size = size };
        record = record with
        {
            PermanentTotal = record.PermanentTotal + (deletable ? 0u : 1u),
            DeletableTotal = record.DeletableTotal + (deletable ? 1u : 0u),
            EndEpoch = Math.Max(record.EndEpoch, endEpoch),
            StatusEvent = deletable ? record.StatusEvent : eventId,
        };
        // Buffered uploads were verified when they arrived; they are stored before the registration becomes visible, so
        // a confirmation never sees the blob registered with its pending slivers not yet stored.
        FlushPending(blobId);
        _store.PutObject(objectId, new BlobObjectRecord(blobId, deletable, endEpoch, Certified: false, Deleted: false));
        _store.PutBlob(blobId, record);
        // Second pass: uploads buffered while the first pass ran (their own registration check may have come too early).
        FlushPending(blobId);
        Log.BlobRegistered(_logger, blobId, objectId, endEpoch, deletable);
        SignalRegistration();
    }

    /// <summary>BlobCertified: counts the certification (or the extension) and queues recovery of missing slivers.</summary>
    public void ApplyCertified(BlobId blobId, BigInteger objectId, uint epoch, uint endEpoch, bool deletable, bool isExtension, EventId eventId)
    {
        CountEvent(eventId);
        var record = _store.GetBlob(blobId);
        var blobObject = _store.GetObject(objectId);
        if (record is null || blobObject is null || blobObject.Deleted)
        {
            return;
        }

        if (isExtension || blobObject.Certified)
        {
            _store.PutObject(objectId, blobObject with { EndEpoch = Math.Max(blobObject.EndEpoch, endEpoch) });
            _store.PutBlob(blobId, record with { EndEpoch = Math.Max(record.EndEpoch, endEpoch) });
            return;
        }

        _store.PutObject(objectId, blobObject with { Certified = true, EndEpoch = Math.Max(blobObject.EndEpoch, endEpoch) });
        record = record with
        {
            PermanentCertified = record.PermanentCertified + (deletable ? 0u : 1u),
            DeletableCertified = record.DeletableCertified + (deletable ? 1u : 0u),
            EndEpoch = Math.Max(record.EndEpoch, endEpoch),
            InitialCertifiedEpoch = record.InitialCertifiedEpoch ?? epoch,
            StatusEvent = deletable ? record.StatusEvent : eventId,
        };
        _store.PutBlob(blobId, record);
        Log.BlobCertified(_logger, blobId, epoch);
        // A node without shards (registered, not yet in the committee) has nothing to recover; its shards come by migration.
        if (_committee is { OwnedShards.Count: > 0 } committee && !record.Invalid && !IsFullyStored(blobId, committee))
        {
            _store.AddRecovery(blobId);
            RecoveryNeeded?.Invoke(blobId);
        }
    }

    /// <summary>BlobDeleted: the object no longer counts; without live registrations the blob's data is removed.</summary>
    public void ApplyDeleted(BlobId blobId, BigInteger objectId, EventId eventId)
    {
        CountEvent(eventId);
        var record = _store.GetBlob(blobId);
        var blobObject = _store.GetObject(objectId);
        if (record is null || blobObject is null || blobObject.Deleted)
        {
            return;
        }

        _store.PutObject(objectId, blobObject with { Deleted = true });
        record = record with
        {
            PermanentTotal = record.PermanentTotal - (blobObject.Deletable ? 0u : Math.Min(1u, record.PermanentTotal)),
            PermanentCertified = record.PermanentCertified - (!blobObject.Deletable && blobObject.Certified ? Math.Min(1u, record.PermanentCertified) : 0u),
            DeletableTotal = record.DeletableTotal - (blobObject.Deletable ? Math.Min(1u, record.DeletableTotal) : 0u),
            DeletableCertified = record.DeletableCertified - (blobObject.Deletable && blobObject.Certified ? Math.Min(1u, record.DeletableCertified) : 0u),
        };
        _store.PutBlob(blobId, record);
        if (!record.HasRegistrations)
        {
            DropBlobData(blobId, "deleted");
        }
    }

    /// <summary>InvalidBlobID: the blob id is invalid for good; its data is removed.</summary>
    public void ApplyInvalid(BlobId blobId, uint epoch, EventId eventId)
    {
        CountEvent(eventId);
        var record = _store.GetBlob(blobId) ?? new BlobRecord { RegisteredEpoch = epoch };
        if (!record.Invalid)
        {
            _store.PutBlob(blobId, record with { Invalid = true, StatusEvent = eventId });
            Log.BlobInvalid(_logger, blobId, epoch);
        }

        DropBlobData(blobId, "invalid");
        _pending.Take(blobId);
    }

    /// <summary>Drops pending uploads whose registration did not arrive in time.</summary>
    public void ExpirePending()
    {
        foreach (var blobId in _pending.Expire())
        {
            Log.PendingDropped(_logger, blobId, "no registration seen in time");
        }
    }

    /// <summary>Records how far event processing got (block number of the last handled event).</summary>
    public void ReportEventBlock(ulong block) => Interlocked.Exchange(ref _lastEventBlock, (long)block);

    private void CountEvent(EventId eventId)
    {
        _ = eventId;
        Interlocked.Increment(ref _eventsHandled);
        _telemetry.EventsProcessed.Add(1);
    }

    private void DropExpired(CommitteeView committee)
    {
        foreach (var (blobId, record) in _store.ScanBlobs())
        {
            if (!record.Invalid && record.HasRegistrations && record.EndEpoch <= committee.Epoch)
            {
                _store.PutBlob(blobId, record with { PermanentTotal = 0, PermanentCertified = 0, DeletableTotal = 0, DeletableCertified = 0 });
                DropBlobData(blobId, $"expired at epoch {record.EndEpoch}");
            }
        }
    }

    private void DropBlobData(BlobId blobId, string why)
    {
        var shardCount = _committee?.ShardCount ?? 0;
        var shards = new List<ShardIndex>(shardCount);
        for (var i = 0; i < shardCount; i++)
        {
            shards.Add(new ShardIndex((ushort)i));
        }

        _store.DeleteBlobData(blobId, shards);
        _metadataCache.TryRemove(blobId, out _);
        _telemetry.BlobsDropped.Add(1);
        Log.BlobDropped(_logger, blobId, why);
    }

    /// <summary>
    /// Stores what is buffered for a blob (verified when it arrived; slivers need the metadata stored), and only then
    /// removes it from the buffer, so a concurrent request always finds the metadata in one place or the other.
    /// </summary>
    private void FlushPending(BlobId blobId)
    {
        var (metadataBytes, slivers) = _pending.Peek(blobId);
        if (_committee is not { } committee || (metadataBytes is null && slivers.Count == 0))
        {
            return;
        }

        if (metadataBytes is not null && !_store.HasMetadata(blobId))
        {
            _store.PutMetadata(blobId, metadataBytes);
            _telemetry.MetadataStored.Add(1);
        }

        if (!_store.HasMetadata(blobId))
        {
            return;
        }

        // One synced write for everything buffered, not one per sliver.
        var toStore = new List<(ShardIndex Shard, SliverType Type, byte[] Sliver)>(slivers.Count);
        foreach (var (pair, type, sliver) in slivers)
        {
            var shard = ShardMapping.ShardForPair(blobId, pair, committee.ShardCount);
            if (committee.Owns(shard) && !_store.HasSliver(shard, blobId, type))
            {
                toStore.Add((shard, type, sliver));
            }
        }

        if (toStore.Count > 0)
        {
            _store.PutSlivers(blobId, toStore);
            _telemetry.SliversStored.Add(toStore.Count);
            _telemetry.SliverBytesStored.Add(toStore.Sum(s => (long)s.Sliver.Length));
        }

        _pending.Remove(blobId, metadataBytes is not null, slivers.Select(s => (s.Pair, s.Type)));
    }

    private void SignalRegistration()
    {
        var previous = Interlocked.Exchange(ref _registrationSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
