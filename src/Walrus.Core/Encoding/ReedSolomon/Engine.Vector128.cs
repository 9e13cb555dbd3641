using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// Portable 128-bit engine (SSSE3 PSHUFB on x86, TBL on Arm64) for CPUs without AVX2: the nibble-table products of
/// <see cref="Avx2Engine"/> on 16-byte vectors. The butterflies are <see cref="NibbleKernel{TLane, TTables}"/>'s.
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

    /// <summary>The eight shuffle tables of one constant (16 bytes each).</summary>
    internal readonly struct Tables8
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
    internal struct Lane(Vector128<byte> lo, Vector128<byte> hi) : INibbleLane<Lane, Tables8>
    {
        public Vector128<byte> Lo = lo;
        public Vector128<byte> Hi = hi;

        public static nint Bytes => 16;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Tables8 Tables(int entry) =>
            new(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(NibbleTables.Table), (nint)entry * NibbleTables.EntryBytes));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Lane Load(byte* p) => new(Vector128.Load(p), Vector128.Load(p + 64));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Lane Xor(in Lane a, in Lane b) => new(a.Lo ^ b.Lo, a.Hi ^ b.Hi);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Lane Product(in Lane y, in Tables8 t)
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

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Store(byte* p)
        {
            Vector128.Store(Lo, p);
            Vector128.Store(Hi, p + 64);
        }
    }
}
