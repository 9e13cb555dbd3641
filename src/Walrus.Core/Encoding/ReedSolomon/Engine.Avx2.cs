using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// AVX2 engine for CPUs without GFNI: products by a constant through the 4-bit nibble split and PSHUFB tables
/// (<see cref="NibbleTables"/>), eight shuffles per 32 elements, as Leopard and the crate's AVX2 engine do. Sixteen ymm
/// registers cannot hold several twiddles' tables plus data, so every sweep is one layer with its eight tables in
/// registers; the butterflies are <see cref="NibbleKernel{TLane, TTables}"/>'s.
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
        FftSkeleton<NibbleKernel<Lane, Tables8>>.Fft(work, stride, pos, size, outStart, outEnd, skewDelta, lastDist, sourcePos);

    public override void Ifft(Span<byte> work, int stride, int pos, int size, int truncatedSize, int skewDelta, int firstDist) =>
        FftSkeleton<NibbleKernel<Lane, Tables8>>.Ifft(work, stride, pos, size, truncatedSize, skewDelta, firstDist);

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public override void Mul(Span<byte> data, ushort logM)
    {
        fixed (byte* p = data)
        {
            NibbleKernel<Lane, Tables8>.Mul(p, data.Length, logM);
        }
    }

    /// <summary>The eight shuffle tables of one constant, each 16-byte table broadcast to both lanes of a ymm.</summary>
    internal readonly struct Tables8
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

    /// <summary>32 elements, half of a work block: low bytes at p, high bytes at p + 64.</summary>
    internal struct Lane(Vector256<byte> lo, Vector256<byte> hi) : INibbleLane<Lane, Tables8>
    {
        public Vector256<byte> Lo = lo;
        public Vector256<byte> Hi = hi;

        public static nint Bytes => 32;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Tables8 Tables(int entry) =>
            new(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(NibbleTables.Table), (nint)entry * NibbleTables.EntryBytes));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Lane Load(byte* p) => new(Vector256.Load(p), Vector256.Load(p + 64));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Lane Xor(in Lane a, in Lane b) => new(a.Lo ^ b.Lo, a.Hi ^ b.Hi);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Lane Product(in Lane y, in Tables8 t)
        {
            var mask = Vector256.Create((byte)0x0F);
            var l0 = y.Lo & mask;
            var l1 = Avx2.ShiftRightLogical(y.Lo.AsUInt16(), 4).AsByte() & mask;
            var h0 = y.Hi & mask;
            var h1 = Avx2.ShiftRightLogical(y.Hi.AsUInt16(), 4).AsByte() & mask;
            return new(
                Avx2.Shuffle(t.Lo0, l0) ^ Avx2.Shuffle(t.Lo1, l1) ^ Avx2.Shuffle(t.Lo2, h0) ^ Avx2.Shuffle(t.Lo3, h1),
                Avx2.Shuffle(t.Hi0, l0) ^ Avx2.Shuffle(t.Hi1, l1) ^ Avx2.Shuffle(t.Hi2, h0) ^ Avx2.Shuffle(t.Hi3, h1));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Store(byte* p)
        {
            Vector256.Store(Lo, p);
            Vector256.Store(Hi, p + 64);
        }
    }
}
