namespace Walrus.Core;

/// <summary>
/// The index of a primary sliver (a row of the expanded matrix) or a secondary sliver (a column). Sliver pair p holds
/// primary sliver p and secondary sliver n-1-p (docs/protocol.md §3).
/// </summary>
public readonly record struct SliverIndex(ushort Value) : IComparable<SliverIndex>
{
    public int CompareTo(SliverIndex other) => Value.CompareTo(other.Value);

    /// <summary>The pair that holds this sliver when it is of type <paramref name="type"/>.</summary>
    public SliverPairIndex ToPairIndex(SliverType type, int shardCount)
    {
        CheckRange(Value, shardCount);
        return new SliverPairIndex(type == SliverType.Primary ? Value : (ushort)(shardCount - 1 - Value));
    }

    /// <summary>The pair that holds this sliver when it is of type <paramref name="type"/>; false when the index is not below the shard count.</summary>
    public bool TryToPairIndex(SliverType type, int shardCount, out SliverPairIndex pair)
    {
        if (Value >= shardCount)
        {
            pair = default;
            return false;
        }

        pair = new SliverPairIndex(type == SliverType.Primary ? Value : (ushort)(shardCount - 1 - Value));
        return true;
    }

    public static explicit operator SliverIndex(int value) =>
        (uint)value <= ushort.MaxValue ? new SliverIndex((ushort)value) : Throw(value);

    public static explicit operator int(SliverIndex index) => index.Value;

    public static bool operator <(SliverIndex left, SliverIndex right) => left.Value < right.Value;

    public static bool operator >(SliverIndex left, SliverIndex right) => left.Value > right.Value;

    public static bool operator <=(SliverIndex left, SliverIndex right) => left.Value <= right.Value;

    public static bool operator >=(SliverIndex left, SliverIndex right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static void CheckRange(int index, int shardCount)
    {
        if ((uint)index >= (uint)shardCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(index), $"Index {index} is out of range for {shardCount} shards.");
        }
    }

    private static SliverIndex Throw(int value)
    {
        ThrowHelper.ArgumentOutOfRange(nameof(value), $"A sliver index is a u16; {value} is out of range.");
        return default;
    }
}
