using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The GF(2^16) kernels the rate drivers run on a work buffer: additive FFT and IFFT with the skew twiddles
/// (docs/protocol.md §4) and multiplication of a shard by a constant. All engines give identical bytes; the scalar one
/// is the reference the others are tested against.
/// </summary>
/// <remarks>
/// A work buffer holds shards of <c>stride</c> bytes each (a multiple of 128), shard p at <c>p * stride</c>. Every
/// 128-byte block holds 64 elements: 64 low bytes, then 64 high bytes (<see cref="ShardOps.Load"/> maps the crate's
/// 32 + 32 layout onto it). Operations are lane-wise, so a pass may cover any whole number of blocks of each shard.
/// </remarks>
internal abstract class Engine
{
    /// <summary>A block of at most this many bytes runs all its layers in one go (it stays in the 32 KiB L1).</summary>
    public const int LeafBytes = 16 * 1024;

    private static readonly Engine[] AllSupported = DetectSupported();

    /// <summary>The fastest engine this CPU supports.</summary>
    public static Engine Best { get; } = AllSupported[^1];

    /// <summary>Every engine this CPU supports, slowest (scalar) first.</summary>
    public static IReadOnlyList<Engine> Supported => AllSupported;

    /// <summary>A short name for tests and benchmarks.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Forward transform of shards [pos, pos + size) evaluated at ω_{skewDelta} … (size a power of two, skewDelta 0 or a
    /// multiple of size). Outputs at positions in [outStart, outEnd) (relative to pos) are exact; others are unspecified.
    /// With outStart = 0 and outEnd = truncated_size this is the crate's truncated FFT.
    /// </summary>
    public void Fft(Span<byte> work, int stride, int pos, int size, int outStart, int outEnd, int skewDelta) =>
        Fft(work, stride, pos, size, outStart, outEnd, skewDelta, 1, pos);

    /// <summary>
    /// The layers of <see cref="Fft(Span{byte}, int, int, int, int, int, int)"/> with dist ≥ <paramref name="lastDist"/>
    /// only: the rest is the FFTs of the blocks of <paramref name="lastDist"/> shards at offsets skewDelta + block start.
    /// The input is read from shards [sourcePos, sourcePos + size) (which the transform leaves intact unless it is pos, or
    /// the ranges overlap otherwise) and the result written to [pos, pos + size).
    /// </summary>
    public abstract void Fft(
        Span<byte> work, int stride, int pos, int size, int outStart, int outEnd, int skewDelta, int lastDist, int sourcePos);

    /// <summary>
    /// Inverse transform of shards [pos, pos + size). Inputs at positions ≥ <paramref name="truncatedSize"/> must be zero;
    /// every output position is exact.
    /// </summary>
    public void Ifft(Span<byte> work, int stride, int pos, int size, int truncatedSize, int skewDelta) =>
        Ifft(work, stride, pos, size, truncatedSize, skewDelta, 1);

    /// <summary>
    /// The layers of <see cref="Ifft(Span{byte}, int, int, int, int, int)"/> with dist ≥ <paramref name="firstDist"/>
    /// only, for blocks of <paramref name="firstDist"/> shards already transformed on their own.
    /// </summary>
    public abstract void Ifft(Span<byte> work, int stride, int pos, int size, int truncatedSize, int skewDelta, int firstDist);

    /// <summary>
    /// How many shards of <paramref name="stride"/> bytes a driver should give each small transform it runs right after
    /// loading them (or right before storing them), so that the data is still in L1: a power of two.
    /// </summary>
    public static int LeafShards(int stride) =>
        (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, LeafBytes / stride) + 1) >> 1;

    /// <summary>Multiplies every element of <paramref name="data"/> (a multiple of 128 bytes) by the element with log <paramref name="logM"/>; 0 and 65535 mean one.</summary>
    public abstract void Mul(Span<byte> data, ushort logM);

    public override string ToString() => Name;

    private static Engine[] DetectSupported()
    {
        var list = new List<Engine> { ScalarEngine.Instance };
        if (Ssse3.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            list.Add(Vector128Engine.Instance);
        }

        if (Avx2.IsSupported)
        {
            list.Add(Avx2Engine.Instance);
        }

        if (Avx2.IsSupported && Gfni.IsSupported && Gfni.V256.IsSupported)
        {
            list.Add(GfniEngine.Instance);
        }

        if (Avx512F.IsSupported && Avx512BW.IsSupported && Gfni.V512.IsSupported)
        {
            list.Add(Avx512Engine.Instance);
        }

        return [.. list];
    }
}
