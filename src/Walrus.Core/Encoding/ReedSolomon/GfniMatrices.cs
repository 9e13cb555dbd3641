using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// For every log value m, multiplication by the element with log m as four 8×8 bit matrices in the form GF2P8AFFINEQB
/// takes (row for output bit i in byte 7 − i): low-from-low, low-from-high, high-from-low, high-from-high. Entry 65536
/// is all zero: the FFT's "twiddle is zero" (skew value 65535). Built once per process on first use (2 MiB).
/// </summary>
internal static unsafe class GfniMatrices
{
    /// <summary>Index of the zero matrices.</summary>
    public const int Zero = Gf16.Order;

    /// <summary>4 qwords per entry: [LL, LH, HL, HH].</summary>
    public static ulong[] Table => Holder.Table;

    /// <summary>The table's address: it lives on the pinned object heap and never moves.</summary>
    public static ulong* Pointer => Holder.Pointer;

    /// <summary>The entry of log value (or <see cref="Zero"/>) <paramref name="entry"/>.</summary>
    public static ulong* Entry(int entry) => Holder.Pointer + (4 * (nint)entry);

    /// <summary>The entry for FFT twiddle <paramref name="skew"/> (65535 means zero).</summary>
    public static int ForTwiddle(ushort skew) => skew == Gf16.Modulus ? Zero : skew;

    private static class Holder
    {
        public static readonly ulong[] Table = Build();
        public static readonly ulong* Pointer = (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Table));
    }

    private static ulong[] Build()
    {
        var table = GC.AllocateArray<ulong>((Gf16.Order + 1) * 4, pinned: true);
        Span<ushort> p = stackalloc ushort[16];
        for (var m = 0; m < Gf16.Order; m++)
        {
            Gf16.BasisProducts((ushort)m, p);
            ulong lowOfLow = 0, lowOfHigh = 0, highOfLow = 0, highOfHigh = 0;
            for (var j = 0; j < 8; j++)
            {
                // Byte j of each word holds the products of input bit j (low half) or bit 8 + j (high half).
                lowOfLow |= (ulong)(byte)p[j] << (8 * j);
                lowOfHigh |= (ulong)(byte)p[8 + j] << (8 * j);
                highOfLow |= (ulong)(byte)(p[j] >> 8) << (8 * j);
                highOfHigh |= (ulong)(byte)(p[8 + j] >> 8) << (8 * j);
            }

            var e = table.AsSpan(4 * m, 4);
            e[0] = AffineForm(lowOfLow);
            e[1] = AffineForm(lowOfHigh);
            e[2] = AffineForm(highOfLow);
            e[3] = AffineForm(highOfHigh);
        }

        return table;
    }

    /// <summary>
    /// From "byte j = the output bits produced by input bit j" to GF2P8AFFINEQB's "byte 7 − i = the input bits that
    /// feed output bit i": an 8×8 bit transpose, then a byte reversal.
    /// </summary>
    private static ulong AffineForm(ulong columns)
    {
        var x = columns;
        var t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        x = x ^ t ^ (t << 28);
        return BinaryPrimitives.ReverseEndianness(x);
    }
}
