namespace Walrus.Core;

/// <summary>
/// The index of a sliver pair: pair p is primary sliver p and secondary sliver n-1-p (docs/protocol.md §3). One pair is
/// stored per shard, rotated by the blob id (<see cref="ShardMapping"/>).
/// </summary>
public readonly record struct SliverPairIndex(ushort Value) : IComparable<SliverPairIndex>
{
    public int CompareTo(SliverPairIndex other) => Value.CompareTo(other.Value);

    /// <summary>The index of this pair's sliver of type <paramref name="type"/>.</summary>
    public SliverIndex ToSliverIndex(SliverType type, int shardCount)
    {
        SliverIndex.CheckRange(Value, shardCount);
        return new SliverIndex(type == SliverType.Primary ? Value : (ushort)(shardCount - 1 - Value));
    }

    /// <summary>This pair's primary sliver index (equal to the pair index).</summary>
    public SliverIndex PrimarySliverIndex => new(Value);

    /// <summary>This pair's secondary sliver index, n-1-p.</summary>
    public SliverIndex SecondarySliverIndex(int shardCount) => ToSliverIndex(SliverType.Secondary, shardCount);

    public static explicit operator SliverPairIndex(int value) =>
        (uint)value <= ushort.MaxValue ? new SliverPairIndex((ushort)value) : Throw(value);

    public static explicit operator int(SliverPairIndex index) => index.Value;

    public static bool operator <(SliverPairIndex left, SliverPairIndex right) => left.Value < right.Value;

    public static bool operator >(SliverPairIndex left, SliverPairIndex right) => left.Value > right.Value;

    public static bool operator <=(SliverPairIndex left, SliverPairIndex right) => left.Value <= right.Value;

    public static bool operator >=(SliverPairIndex left, SliverPairIndex right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static SliverPairIndex Throw(int value)
    {
        ThrowHelper.ArgumentOutOfRange(nameof(value), $"A sliver pair index is a u16; {value} is out of range.");
        return default;
    }
}
