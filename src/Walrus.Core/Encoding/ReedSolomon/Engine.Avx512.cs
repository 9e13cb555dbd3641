using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// AVX-512 + GFNI engine. A 128-byte work block is one zmm of low bytes and one of high bytes; a product by a constant
/// is four GF2P8AFFINEQB: lo' = LL·lo ^ LH·hi, hi' = HL·lo ^ HH·hi (<see cref="GfniMatrices"/>), and no shuffles.
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

    public override void Mul(Span<byte> data, ushort logM)
    {
        fixed (byte* p = data)
        {
            var m = Kernel.Matrices(logM);
            for (nint j = 0; j < data.Length; j += 128)
            {
                var lo = Vector512.Load(p + j);
                var hi = Vector512.Load(p + j + 64);
                Vector512.Store(Kernel.MulLo(lo, hi, m), p + j);
                Vector512.Store(Kernel.MulHi(lo, hi, m), p + j + 64);
            }
        }
    }

    private readonly struct Matrix4(Vector512<byte> ll, Vector512<byte> lh, Vector512<byte> hl, Vector512<byte> hh)
    {
        public readonly Vector512<byte> LL = ll;
        public readonly Vector512<byte> LH = lh;
        public readonly Vector512<byte> HL = hl;
        public readonly Vector512<byte> HH = hh;
    }

    private struct Kernel : IFftKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Matrix4 Matrices(int entry)
        {
            ref var e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(GfniMatrices.Table), 4 * entry);
            return new Matrix4(
                Vector512.Create(e).AsByte(),
                Vector512.Create(Unsafe.Add(ref e, 1)).AsByte(),
                Vector512.Create(Unsafe.Add(ref e, 2)).AsByte(),
                Vector512.Create(Unsafe.Add(ref e, 3)).AsByte());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Matrix4 Twiddle(ushort skew) => Matrices(GfniMatrices.ForTwiddle(skew));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<byte> MulLo(Vector512<byte> lo, Vector512<byte> hi, in Matrix4 m) =>
            Gfni.V512.GaloisFieldAffineTransform(lo, m.LL, 0) ^ Gfni.V512.GaloisFieldAffineTransform(hi, m.LH, 0);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<byte> MulHi(Vector512<byte> lo, Vector512<byte> hi, in Matrix4 m) =>
            Gfni.V512.GaloisFieldAffineTransform(lo, m.HL, 0) ^ Gfni.V512.GaloisFieldAffineTransform(hi, m.HH, 0);

        /// <summary>x ^= y·m on (lo, hi) pairs.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void MulAdd(ref Vector512<byte> xl, ref Vector512<byte> xh, Vector512<byte> yl, Vector512<byte> yh, in Matrix4 m)
        {
            xl ^= MulLo(yl, yh, m);
            xh ^= MulHi(yl, yh, m);
        }

        public static void FftRadix4(byte* p, nint from, nint quarter, ushort t2, ushort t1a, ushort t1b)
        {
            var m2 = Twiddle(t2);
            var m1 = Twiddle(t1a);
            var m3 = Twiddle(t1b);
            var p1 = p + quarter;
            var p2 = p1 + quarter;
            var p3 = p2 + quarter;
            for (nint j = 0; j < quarter; j += 128)
            {
                var l0 = Vector512.Load(p + j + from);
                var h0 = Vector512.Load(p + j + 64 + from);
                var l1 = Vector512.Load(p1 + j + from);
                var h1 = Vector512.Load(p1 + j + 64 + from);
                var l2 = Vector512.Load(p2 + j + from);
                var h2 = Vector512.Load(p2 + j + 64 + from);
                var l3 = Vector512.Load(p3 + j + from);
                var h3 = Vector512.Load(p3 + j + 64 + from);
                MulAdd(ref l0, ref h0, l2, h2, m2);
                MulAdd(ref l1, ref h1, l3, h3, m2);
                l2 ^= l0;
                h2 ^= h0;
                l3 ^= l1;
                h3 ^= h1;
                MulAdd(ref l0, ref h0, l1, h1, m1);
                MulAdd(ref l2, ref h2, l3, h3, m3);
                l1 ^= l0;
                h1 ^= h0;
                l3 ^= l2;
                h3 ^= h2;
                Vector512.Store(l0, p + j);
                Vector512.Store(h0, p + j + 64);
                Vector512.Store(l1, p1 + j);
                Vector512.Store(h1, p1 + j + 64);
                Vector512.Store(l2, p2 + j);
                Vector512.Store(h2, p2 + j + 64);
                Vector512.Store(l3, p3 + j);
                Vector512.Store(h3, p3 + j + 64);
            }
        }

        /// <summary>One FFT butterfly on block-pairs (x, y): x ^= y·m, y ^= x.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Fly(ref Vector512<byte> xl, ref Vector512<byte> xh, ref Vector512<byte> yl, ref Vector512<byte> yh, in Matrix4 m)
        {
            xl ^= MulLo(yl, yh, m);
            xh ^= MulHi(yl, yh, m);
            yl ^= xl;
            yh ^= xh;
        }

        /// <summary>One IFFT butterfly on block-pairs (x, y): y ^= x, x ^= y·m.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void InverseFly(ref Vector512<byte> xl, ref Vector512<byte> xh, ref Vector512<byte> yl, ref Vector512<byte> yh, in Matrix4 m)
        {
            yl ^= xl;
            yh ^= xh;
            xl ^= MulLo(yl, yh, m);
            xh ^= MulHi(yl, yh, m);
        }

        public static void FftRadix8(byte* p, nint from, nint eighth, ushort t4, ushort t2a, ushort t2b, ushort t1a, ushort t1b, ushort t1c, ushort t1d)
        {
            var m4 = Twiddle(t4);
            var m2a = Twiddle(t2a);
            var m2b = Twiddle(t2b);
            var m1a = Twiddle(t1a);
            var m1b = Twiddle(t1b);
            var m1c = Twiddle(t1c);
            var m1d = Twiddle(t1d);
            for (nint j = 0; j < eighth; j += 128)
            {
                var q = p + j;
                var l0 = Vector512.Load(q + from);
                var h0 = Vector512.Load(q + 64 + from);
                var l1 = Vector512.Load(q + eighth + from);
                var h1 = Vector512.Load(q + eighth + 64 + from);
                var l2 = Vector512.Load(q + (2 * eighth) + from);
                var h2 = Vector512.Load(q + (2 * eighth) + 64 + from);
                var l3 = Vector512.Load(q + (3 * eighth) + from);
                var h3 = Vector512.Load(q + (3 * eighth) + 64 + from);
                var l4 = Vector512.Load(q + (4 * eighth) + from);
                var h4 = Vector512.Load(q + (4 * eighth) + 64 + from);
                var l5 = Vector512.Load(q + (5 * eighth) + from);
                var h5 = Vector512.Load(q + (5 * eighth) + 64 + from);
                var l6 = Vector512.Load(q + (6 * eighth) + from);
                var h6 = Vector512.Load(q + (6 * eighth) + 64 + from);
                var l7 = Vector512.Load(q + (7 * eighth) + from);
                var h7 = Vector512.Load(q + (7 * eighth) + 64 + from);
                Fly(ref l0, ref h0, ref l4, ref h4, m4);
                Fly(ref l1, ref h1, ref l5, ref h5, m4);
                Fly(ref l2, ref h2, ref l6, ref h6, m4);
                Fly(ref l3, ref h3, ref l7, ref h7, m4);
                Fly(ref l0, ref h0, ref l2, ref h2, m2a);
                Fly(ref l1, ref h1, ref l3, ref h3, m2a);
                Fly(ref l4, ref h4, ref l6, ref h6, m2b);
                Fly(ref l5, ref h5, ref l7, ref h7, m2b);
                Fly(ref l0, ref h0, ref l1, ref h1, m1a);
                Fly(ref l2, ref h2, ref l3, ref h3, m1b);
                Fly(ref l4, ref h4, ref l5, ref h5, m1c);
                Fly(ref l6, ref h6, ref l7, ref h7, m1d);
                Vector512.Store(l0, q);
                Vector512.Store(h0, q + 64);
                Vector512.Store(l1, q + eighth);
                Vector512.Store(h1, q + eighth + 64);
                Vector512.Store(l2, q + (2 * eighth));
                Vector512.Store(h2, q + (2 * eighth) + 64);
                Vector512.Store(l3, q + (3 * eighth));
                Vector512.Store(h3, q + (3 * eighth) + 64);
                Vector512.Store(l4, q + (4 * eighth));
                Vector512.Store(h4, q + (4 * eighth) + 64);
                Vector512.Store(l5, q + (5 * eighth));
                Vector512.Store(h5, q + (5 * eighth) + 64);
                Vector512.Store(l6, q + (6 * eighth));
                Vector512.Store(h6, q + (6 * eighth) + 64);
                Vector512.Store(l7, q + (7 * eighth));
                Vector512.Store(h7, q + (7 * eighth) + 64);
            }
        }

        public static void IfftRadix8(byte* p, nint eighth, ushort t1a, ushort t1b, ushort t1c, ushort t1d, ushort t2a, ushort t2b, ushort t4)
        {
            var m1a = Twiddle(t1a);
            var m1b = Twiddle(t1b);
            var m1c = Twiddle(t1c);
            var m1d = Twiddle(t1d);
            var m2a = Twiddle(t2a);
            var m2b = Twiddle(t2b);
            var m4 = Twiddle(t4);
            for (nint j = 0; j < eighth; j += 128)
            {
                var q = p + j;
                var l0 = Vector512.Load(q);
                var h0 = Vector512.Load(q + 64);
                var l1 = Vector512.Load(q + eighth);
                var h1 = Vector512.Load(q + eighth + 64);
                var l2 = Vector512.Load(q + (2 * eighth));
                var h2 = Vector512.Load(q + (2 * eighth) + 64);
                var l3 = Vector512.Load(q + (3 * eighth));
                var h3 = Vector512.Load(q + (3 * eighth) + 64);
                var l4 = Vector512.Load(q + (4 * eighth));
                var h4 = Vector512.Load(q + (4 * eighth) + 64);
                var l5 = Vector512.Load(q + (5 * eighth));
                var h5 = Vector512.Load(q + (5 * eighth) + 64);
                var l6 = Vector512.Load(q + (6 * eighth));
                var h6 = Vector512.Load(q + (6 * eighth) + 64);
                var l7 = Vector512.Load(q + (7 * eighth));
                var h7 = Vector512.Load(q + (7 * eighth) + 64);
                InverseFly(ref l0, ref h0, ref l1, ref h1, m1a);
                InverseFly(ref l2, ref h2, ref l3, ref h3, m1b);
                InverseFly(ref l4, ref h4, ref l5, ref h5, m1c);
                InverseFly(ref l6, ref h6, ref l7, ref h7, m1d);
                InverseFly(ref l0, ref h0, ref l2, ref h2, m2a);
                InverseFly(ref l1, ref h1, ref l3, ref h3, m2a);
                InverseFly(ref l4, ref h4, ref l6, ref h6, m2b);
                InverseFly(ref l5, ref h5, ref l7, ref h7, m2b);
                InverseFly(ref l0, ref h0, ref l4, ref h4, m4);
                InverseFly(ref l1, ref h1, ref l5, ref h5, m4);
                InverseFly(ref l2, ref h2, ref l6, ref h6, m4);
                InverseFly(ref l3, ref h3, ref l7, ref h7, m4);
                Vector512.Store(l0, q);
                Vector512.Store(h0, q + 64);
                Vector512.Store(l1, q + eighth);
                Vector512.Store(h1, q + eighth + 64);
                Vector512.Store(l2, q + (2 * eighth));
                Vector512.Store(h2, q + (2 * eighth) + 64);
                Vector512.Store(l3, q + (3 * eighth));
                Vector512.Store(h3, q + (3 * eighth) + 64);
                Vector512.Store(l4, q + (4 * eighth));
                Vector512.Store(h4, q + (4 * eighth) + 64);
                Vector512.Store(l5, q + (5 * eighth));
                Vector512.Store(h5, q + (5 * eighth) + 64);
                Vector512.Store(l6, q + (6 * eighth));
                Vector512.Store(h6, q + (6 * eighth) + 64);
                Vector512.Store(l7, q + (7 * eighth));
                Vector512.Store(h7, q + (7 * eighth) + 64);
            }
        }

        public static void IfftRadix4(byte* p, nint quarter, ushort t1a, ushort t1b, ushort t2)
        {
            var m1 = Twiddle(t1a);
            var m3 = Twiddle(t1b);
            var m2 = Twiddle(t2);
            var p1 = p + quarter;
            var p2 = p1 + quarter;
            var p3 = p2 + quarter;
            for (nint j = 0; j < quarter; j += 128)
            {
                var l0 = Vector512.Load(p + j);
                var h0 = Vector512.Load(p + j + 64);
                var l1 = Vector512.Load(p1 + j);
                var h1 = Vector512.Load(p1 + j + 64);
                var l2 = Vector512.Load(p2 + j);
                var h2 = Vector512.Load(p2 + j + 64);
                var l3 = Vector512.Load(p3 + j);
                var h3 = Vector512.Load(p3 + j + 64);
                l1 ^= l0;
                h1 ^= h0;
                l3 ^= l2;
                h3 ^= h2;
                MulAdd(ref l0, ref h0, l1, h1, m1);
                MulAdd(ref l2, ref h2, l3, h3, m3);
                l2 ^= l0;
                h2 ^= h0;
                l3 ^= l1;
                h3 ^= h1;
                MulAdd(ref l0, ref h0, l2, h2, m2);
                MulAdd(ref l1, ref h1, l3, h3, m2);
                Vector512.Store(l0, p + j);
                Vector512.Store(h0, p + j + 64);
                Vector512.Store(l1, p1 + j);
                Vector512.Store(h1, p1 + j + 64);
                Vector512.Store(l2, p2 + j);
                Vector512.Store(h2, p2 + j + 64);
                Vector512.Store(l3, p3 + j);
                Vector512.Store(h3, p3 + j + 64);
            }
        }

        public static void FftRadix2(byte* p, nint from, nint half, ushort t)
        {
            var m = Twiddle(t);
            var p1 = p + half;
            for (nint j = 0; j < half; j += 128)
            {
                var l0 = Vector512.Load(p + j + from);
                var h0 = Vector512.Load(p + j + 64 + from);
                var l1 = Vector512.Load(p1 + j + from);
                var h1 = Vector512.Load(p1 + j + 64 + from);
                MulAdd(ref l0, ref h0, l1, h1, m);
                Vector512.Store(l0, p + j);
                Vector512.Store(h0, p + j + 64);
                Vector512.Store(l1 ^ l0, p1 + j);
                Vector512.Store(h1 ^ h0, p1 + j + 64);
            }
        }

        public static void FftHalf(byte* p, nint from, nint half, ushort t, bool upper)
        {
            var m = Twiddle(t);
            var p1 = p + half;
            var target = upper ? p1 : p;
            for (nint j = 0; j < half; j += 128)
            {
                var l0 = Vector512.Load(p + j + from);
                var h0 = Vector512.Load(p + j + 64 + from);
                var l1 = Vector512.Load(p1 + j + from);
                var h1 = Vector512.Load(p1 + j + 64 + from);
                MulAdd(ref l0, ref h0, l1, h1, m);
                Vector512.Store(upper ? l0 ^ l1 : l0, target + j);
                Vector512.Store(upper ? h0 ^ h1 : h0, target + j + 64);
            }
        }

        public static void IfftRadix2(byte* p, nint half, ushort t)
        {
            var m = Twiddle(t);
            var p1 = p + half;
            for (nint j = 0; j < half; j += 128)
            {
                var l0 = Vector512.Load(p + j);
                var h0 = Vector512.Load(p + j + 64);
                var l1 = Vector512.Load(p1 + j) ^ l0;
                var h1 = Vector512.Load(p1 + j + 64) ^ h0;
                MulAdd(ref l0, ref h0, l1, h1, m);
                Vector512.Store(l0, p + j);
                Vector512.Store(h0, p + j + 64);
                Vector512.Store(l1, p1 + j);
                Vector512.Store(h1, p1 + j + 64);
            }
        }
    }
}
