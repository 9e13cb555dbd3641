namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The GF(2^16) kernels the rate drivers run on a work buffer: additive FFT and IFFT with the skew twiddles
/// (RS-ALGORITHM.md §3) and multiplication of a shard by a constant. All engines give identical bytes; the scalar one
/// is the reference the others are tested against.
/// </summary>
/// <remarks>
/// A work buffer holds shards of <c>stride</c> bytes each (a multiple of 64), shard p at <c>p * stride</c>. Every
/// 64-byte block holds 32 elements: 32 low bytes, then 32 high bytes (the crate's layout, §8). Operations are lane-wise,
/// so a pass may cover any whole number of blocks of each shard.
/// </remarks>
internal abstract class Engine
{
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
    public abstract void Fft(Span<byte> work, int stride, int pos, int size, int outStart, int outEnd, int skewDelta);

    /// <summary>
    /// Inverse transform of shards [pos, pos + size). Inputs at positions ≥ <paramref name="truncatedSize"/> must be zero;
    /// every output position is exact.
    /// </summary>
    public abstract void Ifft(Span<byte> work, int stride, int pos, int size, int truncatedSize, int skewDelta);

    /// <summary>Multiplies every element of <paramref name="data"/> (a multiple of 64 bytes) by the element with log <paramref name="logM"/>; 0 and 65535 mean one.</summary>
    public abstract void Mul(Span<byte> data, ushort logM);

    public override string ToString() => Name;

    private static Engine[] DetectSupported()
    {
        var list = new List<Engine> { ScalarEngine.Instance };
        return [.. list];
    }
}
