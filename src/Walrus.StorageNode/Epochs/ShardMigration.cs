using Walrus.Core;

namespace Walrus.StorageNode.Epochs;

/// <summary>
/// One shard in an epoch change (mutable; guarded by the <see cref="MigrationState"/> lock): for a gained shard the
/// previous owner and, per sliver type, the next blob id to ask for; for a locked shard the epoch whose
/// EpochChangeDone releases it.
/// </summary>
public sealed class ShardMigration
{
    /// <summary>The shard.</summary>
    public ShardIndex Shard { get; init; }

    /// <summary>Its state.</summary>
    public ShardMigrationStatus Status { get; set; }

    /// <summary>The epoch of the change.</summary>
    public uint Epoch { get; init; }

    /// <summary>Gained: the previous owner's node id (0 when the shard had none). Locked: the new owner's.</summary>
    public uint PeerNodeId { get; init; }

    /// <summary>Gained: the previous owner's address (host:port).</summary>
    public string PeerAddress { get; init; } = "";

    /// <summary>Next primary blob id to ask for; null once primary slivers are done.</summary>
    public BlobId? PrimaryCursor { get; set; } = BlobIdOrder.First;

    /// <summary>Next secondary blob id to ask for; null once secondary slivers are done.</summary>
    public BlobId? SecondaryCursor { get; set; } = BlobIdOrder.First;

    /// <summary>Slivers received from the previous owner.</summary>
    public long SliversReceived { get; set; }

    /// <summary>Bytes of slivers received from the previous owner.</summary>
    public long BytesReceived { get; set; }

    /// <summary>Locked: its new owner attested that it holds it (ShardsReceived; not persisted).</summary>
    public bool Received { get; set; }

    /// <summary>Consecutive failed sync requests (not persisted).</summary>
    public int Failures { get; set; }

    /// <summary>When the first of the consecutive failures happened (not persisted).</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>The cursor of a sliver type.</summary>
    public BlobId? Cursor(SliverType type) => type == SliverType.Primary ? PrimaryCursor : SecondaryCursor;

    /// <summary>Sets the cursor of a sliver type.</summary>
    public void SetCursor(SliverType type, BlobId? cursor)
    {
        if (type == SliverType.Primary)
        {
            PrimaryCursor = cursor;
        }
        else
        {
            SecondaryCursor = cursor;
        }
    }
}
