using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// AVX2 + GFNI engine (256-bit), for CPUs with GFNI but no AVX-512: each half of a 128-byte work block is a ymm of low
/// bytes and a ymm of high bytes; a product by a constant is four GF2P8AFFINEQB: lo' = LL·lo ^ LH·hi,
/// hi' = HL·lo ^ HH·hi (<see cref="GfniMatrices"/>).
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

    public override void Mul(Span<byte> data, ushort logM)
    {
        fixed (byte* p = data)
        {
            var m = Kernel.Matrices(logM);
            for (nint j0 = 0; j0 < data.Length; j0 += ShardOps.BlockBytes)
            {
                // The two 32-byte halves of a block: lows at j, highs at j + 64.
                for (nint j = j0; j < j0 + 64; j += 32)
                {
                    var (lo, hi) = Kernel.Mul(Vector256.Load(p + j), Vector256.Load(p + j + 64), m);
                    Vector256.Store(lo, p + j);
                    Vector256.Store(hi, p + j + 64);
                }
            }
        }
    }

    private readonly struct Matrix4(Vector256<byte> ll, Vector256<byte> lh, Vector256<byte> hl, Vector256<byte> hh)
    {
        public readonly Vector256<byte> LL = ll;
        public readonly Vector256<byte> LH = lh;
        public readonly Vector256<byte> HL = hl;
        public readonly Vector256<byte> HH = hh;
    }

    private struct Kernel : IFftKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Matrix4 Matrices(int entry)
        {
            ref var e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(GfniMatrices.Table), 4 * entry);
            return new Matrix4(
                Vector256.Create(e).AsByte(),
                Vector256.Create(Unsafe.Add(ref e, 1)).AsByte(),
                Vector256.Create(Unsafe.Add(ref e, 2)).AsByte(),
                Vector256.Create(Unsafe.Add(ref e, 3)).AsByte());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Matrix4 Twiddle(ushort skew) => Matrices(GfniMatrices.ForTwiddle(skew));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (Vector256<byte> Lo, Vector256<byte> Hi) Mul(Vector256<byte> lo, Vector256<byte> hi, in Matrix4 m) =>
            (Gfni.V256.GaloisFieldAffineTransform(lo, m.LL, 0) ^ Gfni.V256.GaloisFieldAffineTransform(hi, m.LH, 0),
             Gfni.V256.GaloisFieldAffineTransform(lo, m.HL, 0) ^ Gfni.V256.GaloisFieldAffineTransform(hi, m.HH, 0));

        public static void FftRadix4(byte* p, nint from, nint quarter, ushort t2, ushort t1a, ushort t1b)
        {
            var m2 = Twiddle(t2);
            var m1 = Twiddle(t1a);
            var m3 = Twiddle(t1b);
            var p1 = p + quarter;
            var p2 = p1 + quarter;
            var p3 = p2 + quarter;
            for (nint j0 = 0; j0 < quarter; j0 += ShardOps.BlockBytes)
            {
                // The two 32-byte halves of a block: lows at j, highs at j + 64.
                for (nint j = j0; j < j0 + 64; j += 32)
                {
                    var l0 = Vector256.Load(p + j + from);
                    var h0 = Vector256.Load(p + j + 64 + from);
                    var l1 = Vector256.Load(p1 + j + from);
                    var h1 = Vector256.Load(p1 + j + 64 + from);
                    var l2 = Vector256.Load(p2 + j + from);
                    var h2 = Vector256.Load(p2 + j + 64 + from);
                    var l3 = Vector256.Load(p3 + j + from);
                    var h3 = Vector256.Load(p3 + j + 64 + from);
                    var (ml, mh) = Mul(l2, h2, m2);
                    l0 ^= ml;
                    h0 ^= mh;
                    (ml, mh) = Mul(l3, h3, m2);
                    l1 ^= ml;
                    h1 ^= mh;
                    l2 ^= l0;
                    h2 ^= h0;
                    l3 ^= l1;
                    h3 ^= h1;
                    (ml, mh) = Mul(l1, h1, m1);
                    l0 ^= ml;
                    h0 ^= mh;
                    (ml, mh) = Mul(l3, h3, m3);
                    l2 ^= ml;
                    h2 ^= mh;
                    l1 ^= l0;
                    h1 ^= h0;
                    l3 ^= l2;
                    h3 ^= h2;
                    Vector256.Store(l0, p + j);
                    Vector256.Store(h0, p + j + 64);
                    Vector256.Store(l1, p1 + j);
                    Vector256.Store(h1, p1 + j + 64);
                    Vector256.Store(l2, p2 + j);
                    Vector256.Store(h2, p2 + j + 64);
                    Vector256.Store(l3, p3 + j);
                    Vector256.Store(h3, p3 + j + 64);
                }
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
            for (nint j0 = 0; j0 < quarter; j0 += ShardOps.BlockBytes)
            {
                // The two 32-byte halves of a block: lows at j, highs at j + 64.
                for (nint j = j0; j < j0 + 64; j += 32)
                {
                    var l0 = Vector256.Load(p + j);
                    var h0 = Vector256.Load(p + j + 64);
                    var l1 = Vector256.Load(p1 + j);
                    var h1 = Vector256.Load(p1 + j + 64);
                    var l2 = Vector256.Load(p2 + j);
                    var h2 = Vector256.Load(p2 + j + 64);
                    var l3 = Vector256.Load(p3 + j);
                    var h3 = Vector256.Load(p3 + j + 64);
                    l1 ^= l0;
                    h1 ^= h0;
                    l3 ^= l2;
                    h3 ^= h2;
                    var (ml, mh) = Mul(l1, h1, m1);
                    l0 ^= ml;
                    h0 ^= mh;
                    (ml, mh) = Mul(l3, h3, m3);
                    l2 ^= ml;
                    h2 ^= mh;
                    l2 ^= l0;
                    h2 ^= h0;
                    l3 ^= l1;
                    h3 ^= h1;
                    (ml, mh) = Mul(l2, h2, m2);
                    l0 ^= ml;
                    h0 ^= mh;
                    (ml, mh) = Mul(l3, h3, m2);
                    l1 ^= ml;
                    h1 ^= mh;
                    Vector256.Store(l0, p + j);
                    Vector256.Store(h0, p + j + 64);
                    Vector256.Store(l1, p1 + j);
                    Vector256.Store(h1, p1 + j + 64);
                    Vector256.Store(l2, p2 + j);
                    Vector256.Store(h2, p2 + j + 64);
                    Vector256.Store(l3, p3 + j);
                    Vector256.Store(h3, p3 + j + 64);
                }
            }
        }

        public static void FftRadix8(byte* p, nint from, nint eighth, ushort t4, ushort t2a, ushort t2b, ushort t1a, ushort t1b, ushort t1c, ushort t1d)
        {
            FftRadix2(p, from, 4 * eighth, t4);
            FftRadix4(p, 0, eighth, t2a, t1a, t1b);
            FftRadix4(p + (4 * eighth), 0, eighth, t2b, t1c, t1d);
        }

        public static void IfftRadix8(byte* p, nint eighth, ushort t1a, ushort t1b, ushort t1c, ushort t1d, ushort t2a, ushort t2b, ushort t4)
        {
            IfftRadix4(p, eighth, t1a, t1b, t2a);
            IfftRadix4(p + (4 * eighth), eighth, t1c, t1d, t2b);
            IfftRadix2(p, 4 * eighth, t4);
        }

        public static void FftRadix2(byte* p, nint from, nint half, ushort t)
        {
            var m = Twiddle(t);
            var p1 = p + half;
            for (nint j0 = 0; j0 < half; j0 += ShardOps.BlockBytes)
            {
                // The two 32-byte halves of a block: lows at j, highs at j + 64.
                for (nint j = j0; j < j0 + 64; j += 32)
                {
                    var l0 = Vector256.Load(p + j + from);
                    var h0 = Vector256.Load(p + j + 64 + from);
                    var l1 = Vector256.Load(p1 + j + from);
                    var h1 = Vector256.Load(p1 + j + 64 + from);
                    var (ml, mh) = Mul(l1, h1, m);
                    l0 ^= ml;
                    h0 ^= mh;
                    Vector256.Store(l0, p + j);
                    Vector256.Store(h0, p + j + 64);
                    Vector256.Store(l1 ^ l0, p1 + j);
                    Vector256.Store(h1 ^ h0, p1 + j + 64);
                }
            }
        }

        public static void FftHalf(byte* p, nint from, nint half, ushort t, bool upper)
        {
            var m = Twiddle(t);
            var p1 = p + half;
            var target = upper ? p1 : p;
            for (nint j0 = 0; j0 < half; j0 += ShardOps.BlockBytes)
            {
                // The two 32-byte halves of a block: lows at j, highs at j + 64.
                for (nint j = j0; j < j0 + 64; j += 32)
                {
                    var l0 = Vector256.Load(p + j + from);
                    var h0 = Vector256.Load(p + j + 64 + from);
                    var l1 = Vector256.Load(p1 + j + from);
                    var h1 = Vector256.Load(p1 + j + 64 + from);
                    var (ml, mh) = Mul(l1, h1, m);
                    l0 ^= ml;
                    h0 ^= mh;
                    Vector256.Store(upper ? l0 ^ l1 : l0, target + j);
                    Vector256.Store(upper ? h0 ^ h1 : h0, target + j + 64);
                }
            }
        }

        public static void IfftRadix2(byte* p, nint half, ushort t)
        {
            var m = Twiddle(t);
            var p1 = p + half;
            for (nint j0 = 0; j0 < half; j0 += ShardOps.BlockBytes)
            {
                // The two 32-byte halves of a block: lows at j, highs at j + 64.
                for (nint j = j0; j < j0 + 64; j += 32)
                {
                    var l0 = Vector256.Load(p + j);
                    var h0 = Vector256.Load(p + j + 64);
                    var l1 = Vector256.Load(p1 + j) ^ l0;
                    var h1 = Vector256.Load(p1 + j + 64) ^ h0;
                    var (ml, mh) = Mul(l1, h1, m);
                    Vector256.Store(l0 ^ ml, p + j);
                    Vector256.Store(h0 ^ mh, p + j + 64);
                    Vector256.Store(l1, p1 + j);
                    Vector256.Store(h1, p1 + j + 64);
                }
            }
        }
    }
}
