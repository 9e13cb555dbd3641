using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Epochs;

namespace Walrus.StorageNode.Node;

/// <summary>
/// The node's side of shard migration: shards locked for hand-over (still served to their new owner, to readers and for
/// recovery symbols until EpochChangeDone) and the <c>sync_shard</c> endpoint that hands them over.
/// </summary>
public sealed partial class StorageNodeService
{
    private volatile bool[] _locked = [];
    private volatile CommitteeView? _previousCommittee;

    /// <summary>The previous epoch's committee while an epoch change is running (null otherwise).</summary>
    public CommitteeView? PreviousCommittee => _previousCommittee;

    /// <summary>Sets the shards locked for hand-over (lost at the last epoch change, their data still here).</summary>
    public void SetLockedShards(IEnumerable<ShardIndex> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var locked = new bool[ushort.MaxValue + 1];
        foreach (var shard in shards)
        {
            locked[shard.Value] = true;
        }

        _locked = locked;
    }

    /// <summary>Sets (or clears, with null) the previous committee used while an epoch change runs.</summary>
    public void SetPreviousCommittee(CommitteeView? previous) => _previousCommittee = previous;

    /// <summary>Whether <paramref name="shard"/> is locked for hand-over.</summary>
    public bool IsLocked(ShardIndex shard)
    {
        var locked = _locked;
        return shard.Value < locked.Length && locked[shard.Value];
    }

    /// <summary>Whether this node serves reads of <paramref name="shard"/>: it owns it, or it is locked here for hand-over.</summary>
    private bool Serves(CommitteeView committee, ShardIndex shard) => committee.Owns(shard) || IsLocked(shard);

    /// <summary>The shards whose data this node serves, ascending: owned and locked ones.</summary>
    public IReadOnlyList<ShardIndex> ServedShards(CommitteeView committee)
    {
        ArgumentNullException.ThrowIfNull(committee);
        var result = new List<ShardIndex>(committee.OwnedShards.Count);
        for (var i = 0; i < committee.ShardCount; i++)
        {
            var shard = new ShardIndex((ushort)i);
            if (Serves(committee, shard))
            {
                result.Add(shard);
            }
        }

        return result;
    }

    /// <summary>The shard of a sliver pair if this node serves it (owned or locked), else SHARD_NOT_ASSIGNED.</summary>
    private ShardIndex RequireServed(CommitteeView committee, BlobId blobId, SliverPairIndex pair)
    {
        var shard = ShardMapping.ShardForPair(blobId, pair, committee.ShardCount);
        if (!Serves(committee, shard))
        {
            throw new NodeException(NodeErrorReason.ShardNotAssigned, $"Sliver pair {pair.Value} of this blob is on shard {shard.Value}, which this node does not hold in epoch {committee.Epoch}.");
        }

        return shard;
    }

    public byte[] SyncShard(ReadOnlySpan<byte> body)
    {
        var committee = RequireCommittee();
        if (!SyncShardWire.TryDecodeRequest(body, out var message, out var signature, out var error))
        {
            throw new NodeException(NodeErrorReason.MalformedBody, "The body is not a BCS signed SyncShard message: " + error);
        }

        if (message.SliverCount == 0 || message.SliverCount > (ulong)_options.ShardSyncMaxPageSlivers)
        {
            throw new NodeException(NodeErrorReason.MalformedRequest, $"sliverCount must be 1..{_options.ShardSyncMaxPageSlivers}, not {message.SliverCount}.");
        }

        if (message.Shard.Value >= committee.ShardCount)
        {
            throw new NodeException(NodeErrorReason.IndexOutOfRange, $"Shard {message.Shard.Value} is not below the shard count {committee.ShardCount}.");
        }

        if (message.Epoch != committee.Epoch)
        {
            throw new NodeException(SyncShardRoutes.WrongEpoch, $"The request is for epoch {message.Epoch}; this node is in epoch {committee.Epoch}.", 409);
        }

        var owner = committee.OwnerOf(message.Shard);
        if (owner is null || !_signer.VerifySyncShard(message, signature, owner.SigningAddress))
        {
            throw new NodeException(SyncShardRoutes.NotShardOwner, $"Only the owner of shard {message.Shard.Value} in epoch {committee.Epoch} (node {owner?.NodeId ?? 0}) may sync it.", 403);
        }

        if (!IsLocked(message.Shard))
        {
            throw new NodeException(SyncShardRoutes.ShardNotHeld, $"Shard {message.Shard.Value} is not locked for hand-over on this node.", 404);
        }

        var entries = new List<(BlobId, byte[])>();
        long bytes = 0;
        foreach (var (blobId, type, sliver) in _store.ScanShard(message.Shard, message.StartingBlobId))
        {
            if (type != message.Type || !IsHandedOver(blobId, committee.Epoch))
            {
                continue;
            }

            entries.Add((blobId, sliver));
            bytes += sliver.Length;
            if ((ulong)entries.Count >= message.SliverCount || bytes >= _options.ShardSyncMaxPageBytes)
            {
                break;
            }
        }

        _telemetry.SliversServed.Add(entries.Count);
        return SyncShardWire.EncodeResponse(message.Type, entries);
    }

    /// <summary>Whether a blob's slivers go to a shard's new owner: certified before <paramref name="epoch"/>, still registered, valid.</summary>
    public bool IsHandedOver(BlobId blobId, uint epoch) =>
        _store.GetBlob(blobId) is { } record && record.IsRegisteredIn(epoch) && record.IsCertified && record.InitialCertifiedEpoch is { } certified && certified < epoch;

    /// <summary>Per-shard migration state for health (set by the migration worker).</summary>
    public Func<IReadOnlyDictionary<ushort, ShardMigrationStatus>>? MigrationStatuses { get; set; }

    /// <summary>Blobs and bytes done of the shards in transfer or recovery, for detailed health (set by the migration worker).</summary>
    public Func<IReadOnlyDictionary<ushort, Walrus.Core.NodeApi.ShardSyncProgress>>? MigrationShardProgress { get; set; }

    /// <summary>The last epoch change's progress, for health (set by the migration worker).</summary>
    public Func<Walrus.Core.NodeApi.EpochChangeProgress?>? MigrationProgress { get; set; }

    /// <summary>
    /// Addresses of the nodes to ask for metadata and recovery symbols: the current committee's and, while an epoch change
    /// runs, the previous committee's (whose locked shards still hold data), each once.
    /// </summary>
    public IReadOnlyList<string> PeerAddresses(CommitteeView committee, bool includeSelf)
    {
        ArgumentNullException.ThrowIfNull(committee);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var view in new[] { committee, _previousCommittee })
        {
            if (view is null)
            {
                continue;
            }

            foreach (var member in view.Members)
            {
                if ((includeSelf || member.NodeId != committee.NodeId) && seen.Add(member.NetworkAddress))
                {
                    result.Add(member.NetworkAddress);
                }
            }
        }

        return result;
    }

    /// <summary>Stores a sliver received from a shard's previous owner (verified against the metadata by the caller).</summary>
    public void StoreTransferredSliver(ShardIndex shard, BlobId blobId, SliverData sliver)
    {
        ArgumentNullException.ThrowIfNull(sliver);
        if (!_store.HasSliver(shard, blobId, sliver.Type))
        {
            _store.PutSliver(shard, blobId, sliver.Type, sliver.ToBcs());
            _telemetry.SliversStored.Add(1);
            _telemetry.SliverBytesStored.Add(sliver.Symbols.Length);
        }
    }

    /// <summary>Queues a blob for recovery of its missing slivers and wakes the recovery worker.</summary>
    public void RequestRecovery(BlobId blobId)
    {
        _store.AddRecovery(blobId);
        RecoveryNeeded?.Invoke(blobId);
    }
}
