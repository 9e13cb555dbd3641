using Walrus.Core.Encoding;

namespace Walrus.Core.NodeApi;

/// <summary>Request limits a node checks before allocating anything, derived from the shard count.</summary>
public static class NodeApiLimits
{
    /// <summary>Bytes a BCS sliver body has beyond its data: the ULEB128 length (at most 5) and two u16.</summary>
    public const int SliverBodyOverhead = 5 + 2 + 2;

    /// <summary>The largest valid sliver body for <paramref name="config"/>.</summary>
    public static long MaxSliverBody(EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (long)config.MaxSliverSize + SliverBodyOverhead;
    }

    /// <summary>
    /// At most this many records in one PUT of many slivers: both slivers of every pair a node owns for a blob (a node
    /// owns one pair per shard it holds).
    /// </summary>
    public static int MaxSliverBatchRecords(int ownedShards) => 2 * Math.Max(0, ownedShards);

    /// <summary>The largest valid metadata body: variant, encoding type, length, count and n pairs of two tagged 32-byte nodes.</summary>
    public static long MaxMetadataBody(EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return 1 + 1 + 8 + 5 + ((long)config.ShardCount * 2 * 33);
    }

    /// <summary>The largest valid inconsistency-proof body: n_s symbols of the largest size with full Merkle paths.</summary>
    public static long MaxInconsistencyProofBody(EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var pathLength = 1 + (int)Math.Ceiling(Math.Log2(Math.Max(2, config.ShardCount)));
        return 2 + 5 + ((long)config.SecondarySourceSymbols * (2 + 5 + EncodingConfig.MaxSymbolSize + 5 + (pathLength * 33)));
    }

    /// <summary>At most this many <c>id=P-S</c> values in one recovery-symbol request.</summary>
    public static int MaxSymbolIds(EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.ShardCount;
    }

    /// <summary>At most this many <c>targetSlivers</c> in one decoding-symbol request.</summary>
    public static int MaxTargetSlivers(EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.ShardCount;
    }
}
