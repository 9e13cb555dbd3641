using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// AVX2 + GFNI engine (256-bit), for CPUs with GFNI but no AVX-512: each half of a 128-byte work block is a ymm of low
/// bytes and a ymm of high bytes; a product by a constant is four GF2P8AFFINEQB: lo' = LL·lo ^ LH·hi,
/// hi' = HL·lo ^ HH·hi (<see cref="GfniMatrices"/>). Two layers per sweep (radix 4).
/// </summary>
internal sealed unsafe class GfniEngine : Engine
{
    public static readonly GfniEngine Instance = new();

    private GfniEngine()
    {
    }

    public override string Name => "Avx2Gfni";

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
            var m = GfniMatrices.Entry(logM);
            for (nint j = 0; j < data.Length; j += 128)
            {
                Kernel.Product(Half.Load(p + j), m).Store(p + j);
                Kernel.Product(Half.Load(p + j + 32), m).Store(p + j + 32);
            }
        }
    }

    /// <summary>32 elements, half a work block: low bytes at p, high bytes at p + 64.</summary>
    private struct Half(Vector256<byte> lo, Vector256<byte> hi)
    {
        public Vector256<byte> Lo = lo;
        public Vector256<byte> Hi = hi;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Half Load(byte* p) => new(Vector256.Load(p), Vector256.Load(p + 64));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Store(byte* p)
        {
            Vector256.Store(Lo, p);
            Vector256.Store(Hi, p + 64);
        }
    }

    private struct Kernel : IFftKernel
    {
        /// <summary>The matrices of a twiddle (the zero entry for skew 65535); unused when its product is skipped.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong* Twiddle(ushort skew, bool zero) => zero ? null : GfniMatrices.Entry(GfniMatrices.ForTwiddle(skew));

        /// <summary>y·m, the matrices broadcast from memory at each use (sixteen ymm registers hold only the data).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Half Product(in Half y, ulong* m) => new(
            Gfni.V256.GaloisFieldAffineTransform(y.Lo, Vector256.Create(m[0]).AsByte(), 0)
                ^ Gfni.V256.GaloisFieldAffineTransform(y.Hi, Vector256.Create(m[1]).AsByte(), 0),
            Gfni.V256.GaloisFieldAffineTransform(y.Lo, Vector256.Create(m[2]).AsByte(), 0)
                ^ Gfni.V256.GaloisFieldAffineTransform(y.Hi, Vector256.Create(m[3]).AsByte(), 0));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Fly(ref Half x, ref Half y, ulong* m, bool zero)
        {
            if (!zero)
            {
                var product = Product(y, m);
                x.Lo ^= product.Lo;
                x.Hi ^= product.Hi;
            }

            y.Lo ^= x.Lo;
            y.Hi ^= x.Hi;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void InverseFly(ref Half x, ref Half y, ulong* m, bool zero)
        {
            y.Lo ^= x.Lo;
            y.Hi ^= x.Hi;
            if (!zero)
            {
                var product = Product(y, m);
                x.Lo ^= product.Lo;
                x.Hi ^= product.Hi;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void FftRadix8<TBlock>(byte* p, nint from, nint eighth, ushort t4, ushort t2a, ushort t2b, ushort t1a, ushort t1b, ushort t1c, ushort t1d)
            where TBlock : struct, IBlockKind =>
            Radix8<Kernel>.Fft<TBlock>(p, from, eighth, t4, t2a, t2b, t1a, t1b, t1c, t1d);

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void IfftRadix8<TBlock>(byte* p, nint eighth, ushort t1a, ushort t1b, ushort t1c, ushort t1d, ushort t2a, ushort t2b, ushort t4)
            where TBlock : struct, IBlockKind =>
            Radix8<Kernel>.Ifft<TBlock>(p, eighth, t1a, t1b, t1c, t1d, t2a, t2b, t4);

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void FftRadix4<TBlock>(byte* p, nint from, nint quarter, ushort t2, ushort t1a, ushort t1b)
            where TBlock : struct, IBlockKind
        {
            var z = TBlock.IsFirst;
            var m2 = Twiddle(t2, z);
            var m1 = Twiddle(t1a, z);
            var m3 = Twiddle(t1b, false);
            for (nint j = 0; j < quarter; j += 128)
            {
                for (nint h = 0; h < 64; h += 32)
                {
                    var q = p + j + h;
                    var s = q + from;
                    var x0 = Half.Load(s);
                    var x1 = Half.Load(s + quarter);
                    var x2 = Half.Load(s + (2 * quarter));
                    var x3 = Half.Load(s + (3 * quarter));
                    Fly(ref x0, ref x2, m2, z);
                    Fly(ref x1, ref x3, m2, z);
                    Fly(ref x0, ref x1, m1, z);
                    Fly(ref x2, ref x3, m3, false);
                    x0.Store(q);
                    x1.Store(q + quarter);
                    x2.Store(q + (2 * quarter));
                    x3.Store(q + (3 * quarter));
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void IfftRadix4<TBlock>(byte* p, nint quarter, ushort t1a, ushort t1b, ushort t2)
            where TBlock : struct, IBlockKind
        {
            var z = TBlock.IsFirst;
            var m1 = Twiddle(t1a, z);
            var m3 = Twiddle(t1b, false);
            var m2 = Twiddle(t2, z);
            for (nint j = 0; j < quarter; j += 128)
            {
                for (nint h = 0; h < 64; h += 32)
                {
                    var q = p + j + h;
                    var x0 = Half.Load(q);
                    var x1 = Half.Load(q + quarter);
                    var x2 = Half.Load(q + (2 * quarter));
                    var x3 = Half.Load(q + (3 * quarter));
                    InverseFly(ref x0, ref x1, m1, z);
                    InverseFly(ref x2, ref x3, m3, false);
                    InverseFly(ref x0, ref x2, m2, z);
                    InverseFly(ref x1, ref x3, m2, z);
                    x0.Store(q);
                    x1.Store(q + quarter);
                    x2.Store(q + (2 * quarter));
                    x3.Store(q + (3 * quarter));
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void FftRadix2<TBlock>(byte* p, nint from, nint half, ushort t)
            where TBlock : struct, IBlockKind
        {
            var z = TBlock.IsFirst;
            var m = Twiddle(t, z);
            for (nint j = 0; j < half; j += 128)
            {
                for (nint h = 0; h < 64; h += 32)
                {
                    var q = p + j + h;
                    var x0 = Half.Load(q + from);
                    var x1 = Half.Load(q + from + half);
                    Fly(ref x0, ref x1, m, z);
                    x0.Store(q);
                    x1.Store(q + half);
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

            var m = Twiddle(t, z);
            var target = upper ? p + half : p;
            for (nint j = 0; j < half; j += 128)
            {
                for (nint h = 0; h < 64; h += 32)
                {
                    var q = p + j + h;
                    var x0 = Half.Load(q + from);
                    var x1 = Half.Load(q + from + half);
                    if (!z)
                    {
                        var product = Product(x1, m);
                        x0.Lo ^= product.Lo;
                        x0.Hi ^= product.Hi;
                    }

                    if (upper)
                    {
                        x0.Lo ^= x1.Lo;
                        x0.Hi ^= x1.Hi;
                    }

                    x0.Store(target + j + h);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void IfftRadix2<TBlock>(byte* p, nint half, ushort t)
            where TBlock : struct, IBlockKind
        {
            var z = TBlock.IsFirst;
            var m = Twiddle(t, z);
            for (nint j = 0; j < half; j += 128)
            {
                for (nint h = 0; h < 64; h += 32)
                {
                    var q = p + j + h;
                    var x0 = Half.Load(q);
                    var x1 = Half.Load(q + half);
                    InverseFly(ref x0, ref x1, m, z);
                    x0.Store(q);
                    x1.Store(q + half);
                }
            }
        }
    }
}
