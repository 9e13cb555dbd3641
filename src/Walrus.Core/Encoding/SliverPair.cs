namespace Walrus.Core.Encoding;

/// <summary>Sliver pair p: primary sliver p and secondary sliver n-1-p, stored together on one shard (docs/protocol.md §3, §10).</summary>
public sealed record SliverPair(SliverData Primary, SliverData Secondary)
{
    /// <summary>The pair index (the primary sliver's index).</summary>
    public SliverPairIndex Index => new(Primary.Index.Value);
}
