namespace Walrus.Core;

/// <summary>The index of a shard in a committee of n shards. Converts to the other indices only explicitly.</summary>
public readonly record struct ShardIndex(ushort Value) : IComparable<ShardIndex>
{
    public int CompareTo(ShardIndex other) => Value.CompareTo(other.Value);

    public static explicit operator ShardIndex(int value) =>
        (uint)value <= ushort.MaxValue ? new ShardIndex((ushort)value) : Throw(value);

    public static explicit operator int(ShardIndex index) => index.Value;

    public static bool operator <(ShardIndex left, ShardIndex right) => left.Value < right.Value;

    public static bool operator >(ShardIndex left, ShardIndex right) => left.Value > right.Value;

    public static bool operator <=(ShardIndex left, ShardIndex right) => left.Value <= right.Value;

    public static bool operator >=(ShardIndex left, ShardIndex right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ShardIndex Throw(int value)
    {
        ThrowHelper.ArgumentOutOfRange(nameof(value), $"A shard index is a u16; {value} is out of range.");
        return default;
    }
}
