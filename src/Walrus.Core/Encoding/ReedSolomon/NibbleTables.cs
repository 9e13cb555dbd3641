namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// For every log value m, multiplication by the element with log m as eight 16-entry byte tables for PSHUFB (the crate's
/// Mul128): T_n[i] = (i &lt;&lt; 4n)·m for the four nibbles n, low bytes then high bytes:
/// [T0lo, T1lo, T2lo, T3lo, T0hi, T1hi, T2hi, T3hi]. Entry 65536 is all zero (the FFT's zero twiddle).
/// Built once per process on first use (8 MiB); only the AVX2 engine without GFNI needs it.
/// </summary>
internal static class NibbleTables
{
    /// <summary>Bytes per entry.</summary>
    public const int EntryBytes = 128;

    /// <summary>Index of the zero tables.</summary>
    public const int Zero = Gf16.Order;

    public static byte[] Table => Holder.Table;

    private static class Holder
    {
        public static readonly byte[] Table = Build();
    }

    private static byte[] Build()
    {
        var table = new byte[(Gf16.Order + 1) * EntryBytes];
        Span<ushort> basis = stackalloc ushort[16];
        Span<ushort> products = stackalloc ushort[16];
        for (var m = 0; m < Gf16.Order; m++)
        {
            Gf16.BasisProducts((ushort)m, basis);
            var entry = table.AsSpan(m * EntryBytes, EntryBytes);
            for (var n = 0; n < 4; n++)
            {
                // Products are linear in the input bits: T_n[i] is the XOR of the basis products of i's set bits.
                products[0] = 0;
                for (var i = 1; i < 16; i++)
                {
                    var low = i & -i;
                    products[i] = (ushort)(products[i ^ low] ^ basis[(4 * n) + System.Numerics.BitOperations.TrailingZeroCount(low)]);
                }

                for (var i = 0; i < 16; i++)
                {
                    entry[(16 * n) + i] = (byte)products[i];
                    entry[64 + (16 * n) + i] = (byte)(products[i] >> 8);
                }
            }
        }

        return table;
    }
}
