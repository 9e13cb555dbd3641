namespace Walrus.Core;

/// <summary>
/// A Walrus epoch number (a u32 on chain). Its own type so that it cannot be mixed up with a count of epochs, a shard
/// or a node id; converts to and from integers only explicitly.
/// </summary>
public readonly record struct Epoch(uint Value) : IComparable<Epoch>
{
    /// <summary>Epoch 0, before the first committee.</summary>
    public static Epoch Zero => default;

    /// <summary>The epoch after this one.</summary>
    public Epoch Next() => Add(1);

    /// <summary>The epoch <paramref name="epochs"/> after this one.</summary>
    /// <exception cref="OverflowException">The result does not fit a u32.</exception>
    public Epoch Add(uint epochs) => new(checked(Value + epochs));

    /// <summary>How many epochs lie from <paramref name="earlier"/> to this one (negative when earlier is later).</summary>
    public long Since(Epoch earlier) => (long)Value - earlier.Value;

    public int CompareTo(Epoch other) => Value.CompareTo(other.Value);

    public static explicit operator Epoch(uint value) => new(value);

    public static explicit operator uint(Epoch epoch) => epoch.Value;

    public static bool operator <(Epoch left, Epoch right) => left.Value < right.Value;

    public static bool operator >(Epoch left, Epoch right) => left.Value > right.Value;

    public static bool operator <=(Epoch left, Epoch right) => left.Value <= right.Value;

    public static bool operator >=(Epoch left, Epoch right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
