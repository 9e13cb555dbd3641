using System.Runtime.CompilerServices;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The butterflies of the nibble-table engines (<see cref="Avx2Engine"/>, <see cref="Vector128Engine"/>), written once
/// over the vector width: <typeparamref name="TLane"/> is a slice of a 128-byte work block (its low bytes at p, its high
/// bytes at p + 64) and <typeparamref name="TTables"/> the shuffle tables of one constant. Both are structs, so the JIT
/// compiles one specialized copy per engine with every lane operation inlined. Every sweep is one layer (the tables of
/// one twiddle fill the registers); radix 4 and 8 are sequences of radix-2 sweeps.
/// </summary>
internal unsafe struct NibbleKernel<TLane, TTables> : IFftKernel
    where TLane : struct, INibbleLane<TLane, TTables>
    where TTables : struct
{
    /// <summary>data *= exp(logM), element-wise, over whole 128-byte blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mul(byte* p, nint length, ushort logM)
    {
        var t = TLane.Tables(logM);
        for (nint j = 0; j < length; j += 128)
        {
            for (nint h = 0; h < 64; h += TLane.Bytes)
            {
                TLane.Product(TLane.Load(p + j + h), t).Store(p + j + h);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void FftRadix8<TBlock>(byte* p, nint from, nint eighth, ushort t4, ushort t2a, ushort t2b, ushort t1a, ushort t1b, ushort t1c, ushort t1d)
        where TBlock : struct, IBlockKind =>
        Radix8<NibbleKernel<TLane, TTables>>.Fft<TBlock>(p, from, eighth, t4, t2a, t2b, t1a, t1b, t1c, t1d);

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void IfftRadix8<TBlock>(byte* p, nint eighth, ushort t1a, ushort t1b, ushort t1c, ushort t1d, ushort t2a, ushort t2b, ushort t4)
        where TBlock : struct, IBlockKind =>
        Radix8<NibbleKernel<TLane, TTables>>.Ifft<TBlock>(p, eighth, t1a, t1b, t1c, t1d, t2a, t2b, t4);

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void FftRadix4<TBlock>(byte* p, nint from, nint quarter, ushort t2, ushort t1a, ushort t1b)
        where TBlock : struct, IBlockKind
    {
        FftRadix2<TBlock>(p, from, 2 * quarter, t2);
        FftRadix2<TBlock>(p, 0, quarter, t1a);
        FftRadix2<OtherBlock>(p + (2 * quarter), 0, quarter, t1b);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void IfftRadix4<TBlock>(byte* p, nint quarter, ushort t1a, ushort t1b, ushort t2)
        where TBlock : struct, IBlockKind
    {
        IfftRadix2<TBlock>(p, quarter, t1a);
        IfftRadix2<OtherBlock>(p + (2 * quarter), quarter, t1b);
        IfftRadix2<TBlock>(p, 2 * quarter, t2);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void FftRadix2<TBlock>(byte* p, nint from, nint half, ushort t)
        where TBlock : struct, IBlockKind
    {
        var z = TBlock.IsFirst;
        var tables = z ? default : TLane.Tables(TwiddleEntry(t));
        for (nint j = 0; j < half; j += 128)
        {
            for (nint h = 0; h < 64; h += TLane.Bytes)
            {
                var q = p + j + h;
                var x = TLane.Load(q + from);
                var y = TLane.Load(q + from + half);
                if (!z)
                {
                    x = TLane.Xor(x, TLane.Product(y, tables));
                }

                x.Store(q);
                TLane.Xor(y, x).Store(q + half);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void FftHalf<TBlock>(byte* p, nint from, nint half, ushort t, bool upper)
        where TBlock : struct, IBlockKind
    {
        var z = TBlock.IsFirst;
        if (z && !upper && from == 0)
        {
            return;
        }

        var tables = z ? default : TLane.Tables(TwiddleEntry(t));
        var target = upper ? p + half : p;
        for (nint j = 0; j < half; j += 128)
        {
            for (nint h = 0; h < 64; h += TLane.Bytes)
            {
                var q = p + j + h;
                var x = TLane.Load(q + from);
                var y = TLane.Load(q + from + half);
                if (!z)
                {
                    x = TLane.Xor(x, TLane.Product(y, tables));
                }

                if (upper)
                {
                    x = TLane.Xor(x, y);
                }

                x.Store(target + j + h);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void IfftRadix2<TBlock>(byte* p, nint half, ushort t)
        where TBlock : struct, IBlockKind
    {
        var z = TBlock.IsFirst;
        var tables = z ? default : TLane.Tables(TwiddleEntry(t));
        for (nint j = 0; j < half; j += 128)
        {
            for (nint h = 0; h < 64; h += TLane.Bytes)
            {
                var q = p + j + h;
                var x = TLane.Load(q);
                var y = TLane.Xor(TLane.Load(q + half), x);
                if (!z)
                {
                    x = TLane.Xor(x, TLane.Product(y, tables));
                }

                x.Store(q);
                y.Store(q + half);
            }
        }
    }

    /// <summary>The table entry of FFT twiddle <paramref name="skew"/> (65535: the zero tables).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TwiddleEntry(ushort skew) => skew == Gf16.Modulus ? NibbleTables.Zero : skew;
}
