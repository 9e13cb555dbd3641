namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// One vector-width slice of a 128-byte work block for <see cref="NibbleKernel{TLane, TTables}"/>: <see cref="Bytes"/>
/// low bytes at p and the matching high bytes at p + 64, and products by a constant through its nibble tables.
/// </summary>
internal unsafe interface INibbleLane<TSelf, TTables>
    where TSelf : struct, INibbleLane<TSelf, TTables>
    where TTables : struct
{
    /// <summary>Low bytes per lane (the vector width): 32 or 16.</summary>
    static abstract nint Bytes { get; }

    /// <summary>The shuffle tables of table entry <paramref name="entry"/> of <see cref="NibbleTables"/>.</summary>
    static abstract TTables Tables(int entry);

    static abstract TSelf Load(byte* p);

    static abstract TSelf Xor(in TSelf a, in TSelf b);

    /// <summary>y times the constant of <paramref name="t"/>.</summary>
    static abstract TSelf Product(in TSelf y, in TTables t);

    void Store(byte* p);
}
