namespace Walrus.Core;

/// <summary>
/// The rotation between sliver pairs and shards (docs/protocol.md §10): pair p of a blob is stored on shard
/// (p + offset) mod n, where offset is the blob id read as a big-endian integer, mod n. Systematic slivers thus land on
/// different shards for different blobs.
/// </summary>
public static class ShardMapping
{
    /// <summary>The rotation offset of <paramref name="blobId"/> for <paramref name="shardCount"/> shards.</summary>
    public static int RotationOffset(BlobId blobId, int shardCount)
    {
        CheckShardCount(shardCount);
        return blobId.BigEndianModulo(shardCount);
    }

    /// <summary>The shard that stores sliver pair <paramref name="pair"/> of <paramref name="blobId"/>.</summary>
    public static ShardIndex ShardForPair(BlobId blobId, SliverPairIndex pair, int shardCount)
    {
        SliverIndex.CheckRange(pair.Value, shardCount);
        var offset = RotationOffset(blobId, shardCount);
        return new ShardIndex((ushort)((pair.Value + offset) % shardCount));
    }

    /// <summary>The sliver pair of <paramref name="blobId"/> that shard <paramref name="shard"/> stores.</summary>
    public static SliverPairIndex PairForShard(BlobId blobId, ShardIndex shard, int shardCount)
    {
        SliverIndex.CheckRange(shard.Value, shardCount);
        var offset = RotationOffset(blobId, shardCount);
        return new SliverPairIndex((ushort)((shardCount + shard.Value - offset) % shardCount));
    }

    private static void CheckShardCount(int shardCount)
    {
        if (shardCount is < 1 or > ushort.MaxValue)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(shardCount), $"The shard count must be in 1..65535, not {shardCount}.");
        }
    }
}
