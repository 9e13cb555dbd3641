using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// AVX2 engine for CPUs without GFNI: products by a constant through the 4-bit nibble split and PSHUFB tables
/// (<see cref="NibbleTables"/>), eight shuffles per 32 elements, as Leopard and the crate's AVX2 engine do.
/// </summary>
internal sealed unsafe class Avx2Engine : Engine
{
    public static readonly Avx2Engine Instance = new();

    private Avx2Engine()
    {
    }

    public override string Name => "Avx2";

    public override void Fft(
        Span<byte> work, int stride, int pos, int size, int outStart, int outEnd, int skewDelta, int lastDist, int sourcePos) =>
        FftSkeleton<Kernel>.Fft(work, stride, pos, size, outStart, outEnd, skewDelta, lastDist, sourcePos);

    public override void Ifft(Span<byte> work, int stride, int pos, int size, int truncatedSize, int skewDelta, int firstDist) =>
        FftSkeleton<Kernel>.Ifft(work, stride, pos, size, truncatedSize, skewDelta, firstDist);

    public override void Mul(Span<byte> data, ushort logM)
    {
        fixed (byte* p = data)
        {
            var t = Kernel.Tables(logM);
            for (nint j0 = 0; j0 < data.Length; j0 += ShardOps.BlockBytes)
            {
                // The two 32-byte halves of a block: lows at j, highs at j + 64.
                for (nint j = j0; j < j0 + 64; j += 32)
                {
                    var (lo, hi) = Kernel.Mul(Vector256.Load(p + j), Vector256.Load(p + j + 64), t);
                    Vector256.Store(lo, p + j);
                    Vector256.Store(hi, p + j + 64);
                }
            }
        }
    }

    private readonly struct Tables8
    {
        public readonly Vector256<byte> Lo0;
        public readonly Vector256<byte> Lo1;
        public readonly Vector256<byte> Lo2;
        public readonly Vector256<byte> Lo3;
        public readonly Vector256<byte> Hi0;
        public readonly Vector256<byte> Hi1;
        public readonly Vector256<byte> Hi2;
        public readonly Vector256<byte> Hi3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Tables8(ref byte entry)
        {
            Lo0 = Vector256.Create(Vector128.LoadUnsafe(ref entry, 0));
            Lo1 = Vector256.Create(Vector128.LoadUnsafe(ref entry, 16));
            Lo2 = Vector256.Create(Vector128.LoadUnsafe(ref entry, 32));
            Lo3 = Vector256.Create(Vector128.LoadUnsafe(ref entry, 48));
            Hi0 = Vector256.Create(Vector128.LoadUnsafe(ref entry, 64));
            Hi1 = Vector256.Create(Vector128.LoadUnsafe(ref entry, 80));
            Hi2 = Vector256.Create(Vector128.LoadUnsafe(ref entry, 96));
            Hi3 = Vector256.Create(Vector128.LoadUnsafe(ref entry, 112));
        }
    }

    private struct Kernel : IFftKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Tables8 Tables(int entry) =>
            new(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(NibbleTables.Table), (nint)entry * NibbleTables.EntryBytes));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Tables8 Twiddle(ushort skew) => Tables(skew == Gf16.Modulus ? NibbleTables.Zero : skew);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (Vector256<byte> Lo, Vector256<byte> Hi) Mul(Vector256<byte> lo, Vector256<byte> hi, in Tables8 t)
        {
            var mask = Vector256.Create((byte)0x0F);
            var l0 = lo & mask;
            var l1 = Avx2.ShiftRightLogical(lo.AsUInt16(), 4).AsByte() & mask;
            var h0 = hi & mask;
            var h1 = Avx2.ShiftRightLogical(hi.AsUInt16(), 4).AsByte() & mask;
            var outLo = Avx2.Shuffle(t.Lo0, l0) ^ Avx2.Shuffle(t.Lo1, l1) ^ Avx2.Shuffle(t.Lo2, h0) ^ Avx2.Shuffle(t.Lo3, h1);
            var outHi = Avx2.Shuffle(t.Hi0, l0) ^ Avx2.Shuffle(t.Hi1, l1) ^ Avx2.Shuffle(t.Hi2, h0) ^ Avx2.Shuffle(t.Hi3, h1);
            return (outLo, outHi);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Fft(byte* a, byte* b, nint from, in Tables8 t)
        {
            var la = Vector256.Load(a + from);
            var ha = Vector256.Load(a + 64 + from);
            var lb = Vector256.Load(b + from);
            var hb = Vector256.Load(b + 64 + from);
            var (ml, mh) = Mul(lb, hb, t);
            la ^= ml;
            ha ^= mh;
            Vector256.Store(la, a);
            Vector256.Store(ha, a + 64);
            Vector256.Store(lb ^ la, b);
            Vector256.Store(hb ^ ha, b + 64);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Ifft(byte* a, byte* b, in Tables8 t)
        {
            var la = Vector256.Load(a);
            var ha = Vector256.Load(a + 64);
            var lb = Vector256.Load(b) ^ la;
            var hb = Vector256.Load(b + 64) ^ ha;
            var (ml, mh) = Mul(lb, hb, t);
            Vector256.Store(la ^ ml, a);
            Vector256.Store(ha ^ mh, a + 64);
            Vector256.Store(lb, b);
            Vector256.Store(hb, b + 64);
        }

        // Sixteen ymm registers cannot hold three twiddles' tables plus data, so the radix-4 steps run as two
        // radix-2 sweeps; each keeps its eight tables in registers.
        public static void FftRadix4(byte* p, nint from, nint quarter, ushort t2, ushort t1a, ushort t1b)
        {
            FftRadix2(p, from, 2 * quarter, t2);
            FftRadix2(p, 0, quarter, t1a);
            FftRadix2(p + (2 * quarter), 0, quarter, t1b);
        }

        public static void IfftRadix4(byte* p, nint quarter, ushort t1a, ushort t1b, ushort t2)
        {
            IfftRadix2(p, quarter, t1a);
            IfftRadix2(p + (2 * quarter), quarter, t1b);
            IfftRadix2(p, 2 * quarter, t2);
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
            var tables = Twiddle(t);
            for (nint j0 = 0; j0 < half; j0 += ShardOps.BlockBytes)
            {
                // The two 32-byte halves of a block: lows at j, highs at j + 64.
                for (nint j = j0; j < j0 + 64; j += 32)
                {
                    Fft(p + j, p + half + j, from, tables);
                }
            }
        }

        public static void FftHalf(byte* p, nint from, nint half, ushort t, bool upper)
        {
            var tables = Twiddle(t);
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
                    var (ml, mh) = Mul(l1, h1, tables);
                    l0 ^= ml;
                    h0 ^= mh;
                    Vector256.Store(upper ? l0 ^ l1 : l0, target + j);
                    Vector256.Store(upper ? h0 ^ h1 : h0, target + j + 64);
                }
            }
        }

        public static void IfftRadix2(byte* p, nint half, ushort t)
        {
            var tables = Twiddle(t);
            for (nint j0 = 0; j0 < half; j0 += ShardOps.BlockBytes)
            {
                // The two 32-byte halves of a block: lows at j, highs at j + 64.
                for (nint j = j0; j < j0 + 64; j += 32)
                {
                    Ifft(p + j, p + half + j, tables);
                }
            }
        }
    }
}
