using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// Portable 128-bit engine (SSSE3 PSHUFB on x86, TBL on Arm64) for CPUs without AVX2: the nibble-table products of
/// <see cref="Avx2Engine"/> on 16-byte vectors. Every sweep is one layer; radix 4 and 8 are sequences of sweeps.
/// </summary>
internal sealed unsafe class Vector128Engine : Engine
{
    public static readonly Vector128Engine Instance = new();

    private Vector128Engine()
    {
    }

    public override string Name => "Vector128";

    public override void Fft(
        Span<byte> work, int stride, int pos, int size, int outStart, int outEnd, int skewDelta, int lastDist, int sourcePos) =>
        FftSkeleton<Kernel>.Fft(work, stride, pos, size, outStart, outEnd, skewDelta, lastDist, sourcePos);

    public override void Ifft(Span<byte> work, int stride, int pos, int size, int truncatedSize, int skewDelta, int firstDist) =>
        FftSkeleton<Kernel>.Ifft(work, stride, pos, size, truncatedSize, skewDelta, firstDist);

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public override void Mul(Span<byte> data, ushort logM)
    {
        fixed (byte* p = data)
        {
            var t = Kernel.Tables(logM);
            for (nint j = 0; j < data.Length; j += 128)
            {
                for (nint h = 0; h < 64; h += 16)
                {
                    Kernel.Product(Half.Load(p + j + h), t).Store(p + j + h);
                }
            }
        }
    }

    /// <summary>The eight 16-byte shuffle tables of one constant.</summary>
    private readonly struct Tables8
    {
        public readonly Vector128<byte> Lo0;
        public readonly Vector128<byte> Lo1;
        public readonly Vector128<byte> Lo2;
        public readonly Vector128<byte> Lo3;
        public readonly Vector128<byte> Hi0;
        public readonly Vector128<byte> Hi1;
        public readonly Vector128<byte> Hi2;
        public readonly Vector128<byte> Hi3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Tables8(ref byte entry)
        {
            Lo0 = Vector128.LoadUnsafe(ref entry, 0);
            Lo1 = Vector128.LoadUnsafe(ref entry, 16);
            Lo2 = Vector128.LoadUnsafe(ref entry, 32);
            Lo3 = Vector128.LoadUnsafe(ref entry, 48);
            Hi0 = Vector128.LoadUnsafe(ref entry, 64);
            Hi1 = Vector128.LoadUnsafe(ref entry, 80);
            Hi2 = Vector128.LoadUnsafe(ref entry, 96);
            Hi3 = Vector128.LoadUnsafe(ref entry, 112);
        }
    }

    /// <summary>16 elements, a quarter of a work block: low bytes at p, high bytes at p + 64.</summary>
    private struct Half(Vector128<byte> lo, Vector128<byte> hi)
    {
        public Vector128<byte> Lo = lo;
        public Vector128<byte> Hi = hi;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Half Load(byte* p) => new(Vector128.Load(p), Vector128.Load(p + 64));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Store(byte* p)
        {
            Vector128.Store(Lo, p);
            Vector128.Store(Hi, p + 64);
        }
    }

    private struct Kernel : IFftKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Tables8 Tables(int entry) =>
            new(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(NibbleTables.Table), (nint)entry * NibbleTables.EntryBytes));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Half Product(in Half y, in Tables8 t)
        {
            var mask = Vector128.Create((byte)0x0F);
            var l0 = y.Lo & mask;
            var l1 = Vector128.ShiftRightLogical(y.Lo.AsUInt16(), 4).AsByte() & mask;
            var h0 = y.Hi & mask;
            var h1 = Vector128.ShiftRightLogical(y.Hi.AsUInt16(), 4).AsByte() & mask;
            return new(
                Vector128.ShuffleNative(t.Lo0, l0) ^ Vector128.ShuffleNative(t.Lo1, l1)
                    ^ Vector128.ShuffleNative(t.Lo2, h0) ^ Vector128.ShuffleNative(t.Lo3, h1),
                Vector128.ShuffleNative(t.Hi0, l0) ^ Vector128.ShuffleNative(t.Hi1, l1)
                    ^ Vector128.ShuffleNative(t.Hi2, h0) ^ Vector128.ShuffleNative(t.Hi3, h1));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void FftRadix8<TBlock>(byte* p, nint from, nint eighth, ushort t4, ushort t2a, ushort t2b, ushort t1a, ushort t1b, ushort t1c, ushort t1d)
            where TBlock : struct, IBlockKind
        {
            FftRadix2<TBlock>(p, from, 4 * eighth, t4);
            FftRadix4<TBlock>(p, 0, eighth, t2a, t1a, t1b);
            FftRadix4<OtherBlock>(p + (4 * eighth), 0, eighth, t2b, t1c, t1d);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void IfftRadix8<TBlock>(byte* p, nint eighth, ushort t1a, ushort t1b, ushort t1c, ushort t1d, ushort t2a, ushort t2b, ushort t4)
            where TBlock : struct, IBlockKind
        {
            IfftRadix4<TBlock>(p, eighth, t1a, t1b, t2a);
            IfftRadix4<OtherBlock>(p + (4 * eighth), eighth, t1c, t1d, t2b);
            IfftRadix2<TBlock>(p, 4 * eighth, t4);
        }

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
            var tables = z ? default : Tables(TwiddleEntry(t));
            for (nint j = 0; j < half; j += 128)
            {
                for (nint h = 0; h < 64; h += 16)
                {
                    var q = p + j + h;
                    var x = Half.Load(q + from);
                    var y = Half.Load(q + from + half);
                    if (!z)
                    {
                        var product = Product(y, tables);
                        x.Lo ^= product.Lo;
                        x.Hi ^= product.Hi;
                    }

                    x.Store(q);
                    new Half(y.Lo ^ x.Lo, y.Hi ^ x.Hi).Store(q + half);
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

            var tables = z ? default : Tables(TwiddleEntry(t));
            var target = upper ? p + half : p;
            for (nint j = 0; j < half; j += 128)
            {
                for (nint h = 0; h < 64; h += 16)
                {
                    var q = p + j + h;
                    var x = Half.Load(q + from);
                    var y = Half.Load(q + from + half);
                    if (!z)
                    {
                        var product = Product(y, tables);
                        x.Lo ^= product.Lo;
                        x.Hi ^= product.Hi;
                    }

                    if (upper)
                    {
                        x.Lo ^= y.Lo;
                        x.Hi ^= y.Hi;
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
            var tables = z ? default : Tables(TwiddleEntry(t));
            for (nint j = 0; j < half; j += 128)
            {
                for (nint h = 0; h < 64; h += 16)
                {
                    var q = p + j + h;
                    var x = Half.Load(q);
                    var y = Half.Load(q + half);
                    y.Lo ^= x.Lo;
                    y.Hi ^= x.Hi;
                    if (!z)
                    {
                        var product = Product(y, tables);
                        x.Lo ^= product.Lo;
                        x.Hi ^= product.Hi;
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
}
