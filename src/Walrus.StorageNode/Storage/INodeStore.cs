using System.Numerics;
using Walrus.Core;

namespace Walrus.StorageNode.Storage;

/// <summary>
/// The node's durable state, one record kind per column family (<see cref="ColumnFamily"/>). Every write returns only
/// once it is durable (the write-ahead log is synced), so an acknowledged write survives a crash right after it.
/// Implementations are thread-safe.
/// </summary>
public interface INodeStore : IDisposable
{
    /// <summary>The BCS BlobMetadata of a blob, or null.</summary>
    byte[]? GetMetadata(BlobId blobId);

    /// <summary>Whether the metadata of a blob is stored.</summary>
    bool HasMetadata(BlobId blobId);

    /// <summary>Stores the BCS BlobMetadata of a blob.</summary>
    void PutMetadata(BlobId blobId, ReadOnlySpan<byte> metadata);

    /// <summary>The BCS SliverData stored for a shard, blob and type, or null.</summary>
    byte[]? GetSliver(ShardIndex shard, BlobId blobId, SliverType type);

    /// <summary>Whether a sliver is stored.</summary>
    bool HasSliver(ShardIndex shard, BlobId blobId, SliverType type);

    /// <summary>Stores a BCS SliverData.</summary>
    void PutSliver(ShardIndex shard, BlobId blobId, SliverType type, ReadOnlySpan<byte> sliver);

    /// <summary>Stores several BCS SliverData of one blob in one synced write.</summary>
    void PutSlivers(BlobId blobId, IReadOnlyList<(ShardIndex Shard, SliverType Type, byte[] Sliver)> slivers);

    /// <summary>The slivers of a shard in blob-id order, starting at <paramref name="fromBlobId"/> (inclusive).</summary>
    IEnumerable<(BlobId BlobId, SliverType Type, byte[] Sliver)> ScanShard(ShardIndex shard, BlobId? fromBlobId = null);

    /// <summary>Removes every sliver of a shard (one range delete).</summary>
    void DropShard(ShardIndex shard);

    /// <summary>Removes a blob's metadata and its slivers in <paramref name="shards"/>, and its recovery entry.</summary>
    void DeleteBlobData(BlobId blobId, IEnumerable<ShardIndex> shards);

    /// <summary>The record of a blob id, or null.</summary>
    BlobRecord? GetBlob(BlobId blobId);

    /// <summary>Stores the record of a blob id.</summary>
    void PutBlob(BlobId blobId, BlobRecord record);

    /// <summary>Every blob record, in blob-id order.</summary>
    IEnumerable<(BlobId BlobId, BlobRecord Record)> ScanBlobs();

    /// <summary>The record of a blob object, or null.</summary>
    BlobObjectRecord? GetObject(BigInteger objectId);

    /// <summary>Stores the record of a blob object.</summary>
    void PutObject(BigInteger objectId, BlobObjectRecord record);

    /// <summary>Queues a certified blob for recovery of its missing slivers.</summary>
    void AddRecovery(BlobId blobId);

    /// <summary>Removes a blob from the recovery queue.</summary>
    void RemoveRecovery(BlobId blobId);

    /// <summary>The blobs queued for recovery, in blob-id order.</summary>
    IReadOnlyList<BlobId> RecoveryQueue(int max);

    /// <summary>A named node-state value, or null.</summary>
    byte[]? GetState(string name);

    /// <summary>Stores a named node-state value.</summary>
    void PutState(string name, ReadOnlySpan<byte> value);
}
