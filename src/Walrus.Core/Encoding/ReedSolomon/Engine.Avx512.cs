using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// AVX-512 + GFNI engine. A 128-byte work block is one zmm of low bytes and one of high bytes; a product by a constant
/// is four GF2P8AFFINEQB: lo' = LL·lo ^ LH·hi, hi' = HL·lo ^ HH·hi (<see cref="GfniMatrices"/>), and no shuffles.
/// Up to three layers per sweep (radix 8): the 16 data registers stay in registers, the twiddles' matrices are read
/// from the stack.
/// </summary>
internal sealed unsafe class Avx512Engine : Engine
{
    public static readonly Avx512Engine Instance = new();

    private Avx512Engine()
    {
    }

    public override string Name => "Avx512Gfni";

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
                var x = Block.Load(p + j);
                Kernel.Product(x, m).Store(p + j);
            }
        }
    }

    /// <summary>64 elements: their low bytes and their high bytes.</summary>
    private struct Block(Vector512<byte> lo, Vector512<byte> hi)
    {
        public Vector512<byte> Lo = lo;
        public Vector512<byte> Hi = hi;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Block Load(byte* p) => new(Vector512.Load(p), Vector512.Load(p + 64));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Store(byte* p)
        {
            Vector512.Store(Lo, p);
            Vector512.Store(Hi, p + 64);
        }
    }

    private struct Kernel : IFftKernel
    {
        /// <summary>The matrices of a twiddle (the zero entry for skew 65535); unused when its product is skipped.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong* Twiddle(ushort skew, bool zero) => zero ? null : GfniMatrices.Entry(GfniMatrices.ForTwiddle(skew));

        /// <summary>
        /// y·m. The matrices are broadcast from memory at each use: the loops keep 16 data registers, and loads are cheaper
        /// than keeping 28 broadcast matrices on the stack.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Block Product(in Block y, ulong* m) => new(
            Gfni.V512.GaloisFieldAffineTransform(y.Lo, Vector512.Create(m[0]).AsByte(), 0)
                ^ Gfni.V512.GaloisFieldAffineTransform(y.Hi, Vector512.Create(m[1]).AsByte(), 0),
            Gfni.V512.GaloisFieldAffineTransform(y.Lo, Vector512.Create(m[2]).AsByte(), 0)
                ^ Gfni.V512.GaloisFieldAffineTransform(y.Hi, Vector512.Create(m[3]).AsByte(), 0));

        /// <summary>x ^= y·m, with one three-way XOR per half.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddProduct(ref Block x, in Block y, ulong* m)
        {
            x.Lo = Avx512F.TernaryLogic(
                x.Lo,
                Gfni.V512.GaloisFieldAffineTransform(y.Lo, Vector512.Create(m[0]).AsByte(), 0),
                Gfni.V512.GaloisFieldAffineTransform(y.Hi, Vector512.Create(m[1]).AsByte(), 0),
                0x96);
            x.Hi = Avx512F.TernaryLogic(
                x.Hi,
                Gfni.V512.GaloisFieldAffineTransform(y.Lo, Vector512.Create(m[2]).AsByte(), 0),
                Gfni.V512.GaloisFieldAffineTransform(y.Hi, Vector512.Create(m[3]).AsByte(), 0),
                0x96);
        }

        /// <summary>FFT butterfly: x ^= y·m (skipped when <paramref name="zero"/>), y ^= x.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Fly(ref Block x, ref Block y, ulong* m, bool zero)
        {
            if (!zero)
            {
                AddProduct(ref x, y, m);
            }

            y.Lo ^= x.Lo;
            y.Hi ^= x.Hi;
        }

        /// <summary>IFFT butterfly: y ^= x, x ^= y·m (skipped when <paramref name="zero"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void InverseFly(ref Block x, ref Block y, ulong* m, bool zero)
        {
            y.Lo ^= x.Lo;
            y.Hi ^= x.Hi;
            if (!zero)
            {
                AddProduct(ref x, y, m);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void FftRadix8<TBlock>(byte* p, nint from, nint eighth, ushort t4, ushort t2a, ushort t2b, ushort t1a, ushort t1b, ushort t1c, ushort t1d)
            where TBlock : struct, IBlockKind
        {
            var z = TBlock.IsFirst;
            var m4 = Twiddle(t4, z);
            var m2a = Twiddle(t2a, z);
            var m2b = Twiddle(t2b, false);
            var m1a = Twiddle(t1a, z);
            var m1b = Twiddle(t1b, false);
            var m1c = Twiddle(t1c, false);
            var m1d = Twiddle(t1d, false);
            for (nint j = 0; j < eighth; j += 128)
            {
                var q = p + j;
                var s = q + from;
                var x0 = Block.Load(s);
                var x1 = Block.Load(s + eighth);
                var x2 = Block.Load(s + (2 * eighth));
                var x3 = Block.Load(s + (3 * eighth));
                var x4 = Block.Load(s + (4 * eighth));
                var x5 = Block.Load(s + (5 * eighth));
                var x6 = Block.Load(s + (6 * eighth));
                var x7 = Block.Load(s + (7 * eighth));
                Fly(ref x0, ref x4, m4, z);
                Fly(ref x1, ref x5, m4, z);
                Fly(ref x2, ref x6, m4, z);
                Fly(ref x3, ref x7, m4, z);
                Fly(ref x0, ref x2, m2a, z);
                Fly(ref x1, ref x3, m2a, z);
                Fly(ref x4, ref x6, m2b, false);
                Fly(ref x5, ref x7, m2b, false);
                Fly(ref x0, ref x1, m1a, z);
                Fly(ref x2, ref x3, m1b, false);
                Fly(ref x4, ref x5, m1c, false);
                Fly(ref x6, ref x7, m1d, false);
                x0.Store(q);
                x1.Store(q + eighth);
                x2.Store(q + (2 * eighth));
                x3.Store(q + (3 * eighth));
                x4.Store(q + (4 * eighth));
                x5.Store(q + (5 * eighth));
                x6.Store(q + (6 * eighth));
                x7.Store(q + (7 * eighth));
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void IfftRadix8<TBlock>(byte* p, nint eighth, ushort t1a, ushort t1b, ushort t1c, ushort t1d, ushort t2a, ushort t2b, ushort t4)
            where TBlock : struct, IBlockKind
        {
            var z = TBlock.IsFirst;
            var m1a = Twiddle(t1a, z);
            var m1b = Twiddle(t1b, false);
            var m1c = Twiddle(t1c, false);
            var m1d = Twiddle(t1d, false);
            var m2a = Twiddle(t2a, z);
            var m2b = Twiddle(t2b, false);
            var m4 = Twiddle(t4, z);
            for (nint j = 0; j < eighth; j += 128)
            {
                var q = p + j;
                var x0 = Block.Load(q);
                var x1 = Block.Load(q + eighth);
                var x2 = Block.Load(q + (2 * eighth));
                var x3 = Block.Load(q + (3 * eighth));
                var x4 = Block.Load(q + (4 * eighth));
                var x5 = Block.Load(q + (5 * eighth));
                var x6 = Block.Load(q + (6 * eighth));
                var x7 = Block.Load(q + (7 * eighth));
                InverseFly(ref x0, ref x1, m1a, z);
                InverseFly(ref x2, ref x3, m1b, false);
                InverseFly(ref x4, ref x5, m1c, false);
                InverseFly(ref x6, ref x7, m1d, false);
                InverseFly(ref x0, ref x2, m2a, z);
                InverseFly(ref x1, ref x3, m2a, z);
                InverseFly(ref x4, ref x6, m2b, false);
                InverseFly(ref x5, ref x7, m2b, false);
                InverseFly(ref x0, ref x4, m4, z);
                InverseFly(ref x1, ref x5, m4, z);
                InverseFly(ref x2, ref x6, m4, z);
                InverseFly(ref x3, ref x7, m4, z);
                x0.Store(q);
                x1.Store(q + eighth);
                x2.Store(q + (2 * eighth));
                x3.Store(q + (3 * eighth));
                x4.Store(q + (4 * eighth));
                x5.Store(q + (5 * eighth));
                x6.Store(q + (6 * eighth));
                x7.Store(q + (7 * eighth));
            }
        }

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
                var q = p + j;
                var s = q + from;
                var x0 = Block.Load(s);
                var x1 = Block.Load(s + quarter);
                var x2 = Block.Load(s + (2 * quarter));
                var x3 = Block.Load(s + (3 * quarter));
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
                var q = p + j;
                var x0 = Block.Load(q);
                var x1 = Block.Load(q + quarter);
                var x2 = Block.Load(q + (2 * quarter));
                var x3 = Block.Load(q + (3 * quarter));
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

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void FftRadix2<TBlock>(byte* p, nint from, nint half, ushort t)
            where TBlock : struct, IBlockKind
        {
            var z = TBlock.IsFirst;
            var m = Twiddle(t, z);
            for (nint j = 0; j < half; j += 128)
            {
                var q = p + j;
                var x0 = Block.Load(q + from);
                var x1 = Block.Load(q + from + half);
                Fly(ref x0, ref x1, m, z);
                x0.Store(q);
                x1.Store(q + half);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        public static void FftHalf<TBlock>(byte* p, nint from, nint half, ushort t, bool upper)
            where TBlock : struct, IBlockKind
        {
            var z = TBlock.IsFirst;
            if (z && !upper && from == 0)
            {
                // a ^= b·0: nothing to do.
                return;
            }

            var m = Twiddle(t, z);
            var target = upper ? p + half : p;
            for (nint j = 0; j < half; j += 128)
            {
                var q = p + j;
                var x0 = Block.Load(q + from);
                var x1 = Block.Load(q + from + half);
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

                x0.Store(target + j);
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
                var q = p + j;
                var x0 = Block.Load(q);
                var x1 = Block.Load(q + half);
                InverseFly(ref x0, ref x1, m, z);
                x0.Store(q);
                x1.Store(q + half);
            }
        }
    }
}
