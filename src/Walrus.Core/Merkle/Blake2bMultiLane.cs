using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Walrus.Core.Merkle;

/// <summary>
/// Blake2b-256 of many inputs of one length at once: digest i = Blake2b-256(prefix || input i). Merkle leaves
/// (prefix 0x00 and a symbol; every symbol of a blob has the same length) and inner nodes (prefix 0x01 and two
/// digests) are exactly this shape. The AVX-512 kernel hashes 8 inputs per pass, the AVX2 kernel 4; the scalar kernel
/// is the reference the others are tested against (and all of them against libsodium).
/// </summary>
internal static unsafe partial class Blake2bMultiLane
{
    /// <summary>The kernels, slowest first.</summary>
    internal enum Kernel
    {
        Scalar,
        Avx2,
        Avx512,
    }

    private const ulong Iv0 = 0x6a09e667f3bcc908UL;
    private const ulong Iv1 = 0xbb67ae8584caa73bUL;
    private const ulong Iv2 = 0x3c6ef372fe94f82bUL;
    private const ulong Iv3 = 0xa54ff53a5f1d36f1UL;
    private const ulong Iv4 = 0x510e527fade682d1UL;
    private const ulong Iv5 = 0x9b05688c2b3e6c1fUL;
    private const ulong Iv6 = 0x1f83d9abfb41bd6bUL;
    private const ulong Iv7 = 0x5be0cd19137e2179UL;

    /// <summary>h0 for an unkeyed 32-byte digest: IV0 ^ 0x01010000 ^ (key length &lt;&lt; 8) ^ digest length.</summary>
    private const ulong Param0 = Iv0 ^ 0x01010020UL;

    private const int BlockBytes = 128;

    /// <summary>The fastest kernel this CPU supports.</summary>
    public static Kernel Best { get; } =
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512Vbmi.IsSupported ? Kernel.Avx512
        : Avx2.IsSupported ? Kernel.Avx2
        : Kernel.Scalar;

    /// <summary>Every kernel this CPU supports.</summary>
    public static IReadOnlyList<Kernel> Supported { get; } = Best switch
    {
        Kernel.Avx512 => [Kernel.Scalar, Kernel.Avx2, Kernel.Avx512],
        Kernel.Avx2 => [Kernel.Scalar, Kernel.Avx2],
        _ => [Kernel.Scalar],
    };

    /// <summary>How many inputs one pass of <paramref name="kernel"/> hashes.</summary>
    public static int Lanes(Kernel kernel) => kernel switch
    {
        Kernel.Avx512 => 8,
        Kernel.Avx2 => 4,
        _ => 1,
    };

    /// <summary>
    /// Hashes <paramref name="count"/> inputs: the digest written to <paramref name="outputs"/>[i] (32 bytes) is
    /// Blake2b-256(<paramref name="prefix"/> || <paramref name="inputs"/>[i][0..<paramref name="length"/>)). An output
    /// may overlap its own input or an earlier input (the inputs of a pass are read before its digests are written),
    /// not a later one.
    /// </summary>
    public static void Hash(byte prefix, byte** inputs, int length, int count, byte** outputs) =>
        Hash(Best, prefix, inputs, length, count, outputs);

    /// <inheritdoc cref="Hash(byte, byte**, int, int, byte**)"/>
    public static void Hash(Kernel kernel, byte prefix, byte** inputs, int length, int count, byte** outputs)
    {
        if (count <= 0)
        {
            return;
        }

        switch (kernel)
        {
            case Kernel.Avx512 when Best == Kernel.Avx512:
                HashAvx512(prefix, inputs, length, count, outputs);
                break;
            case Kernel.Avx2 when Best >= Kernel.Avx2:
                HashAvx2(prefix, inputs, length, count, outputs);
                break;
            default:
                HashScalar(prefix, inputs, length, count, outputs);
                break;
        }
    }

    /// <summary>
    /// Hashes <paramref name="count"/> inputs laid out at a fixed stride (input i at <paramref name="data"/> + i *
    /// <paramref name="stride"/>) to consecutive digests at <paramref name="output"/>, which may be <paramref name="data"/>
    /// itself when the stride is at least 32 (a Merkle level reduced in place).
    /// </summary>
    public static void HashStrided(byte prefix, byte* data, nint stride, int length, int count, byte* output) =>
        HashStrided(Best, prefix, data, stride, length, count, output);

    /// <inheritdoc cref="HashStrided(byte, byte*, nint, int, int, byte*)"/>
    public static void HashStrided(Kernel kernel, byte prefix, byte* data, nint stride, int length, int count, byte* output)
    {
        const int Chunk = 64;
        var inputs = stackalloc byte*[Chunk];
        var outputs = stackalloc byte*[Chunk];
        for (var done = 0; done < count; done += Chunk)
        {
            var n = Math.Min(Chunk, count - done);
            for (var i = 0; i < n; i++)
            {
                inputs[i] = data + ((done + i) * stride);
                outputs[i] = output + ((done + i) * 32);
            }

            Hash(kernel, prefix, inputs, length, n, outputs);
        }
    }

    /// <summary>Safe wrapper of <see cref="HashStrided(Kernel, byte, byte*, nint, int, int, byte*)"/> for tests and benchmarks.</summary>
    public static void HashStrided(Kernel kernel, byte prefix, ReadOnlySpan<byte> data, int stride, int length, int count, Span<byte> output)
    {
        if (count < 0 || length < 0 || (count > 0 && (long)(count - 1) * stride + length > data.Length) || output.Length < count * 32L)
        {
            ThrowHelper.Argument(nameof(data), "The inputs or the output do not fit the given spans.");
        }

        fixed (byte* d = data)
        fixed (byte* o = output)
        {
            HashStrided(kernel, prefix, d, stride, length, count, o);
        }
    }

    /// <summary>Number of 128-byte blocks of a message of <paramref name="total"/> bytes (at least one).</summary>
    private static int BlockCount(int total) => Math.Max(1, (total + BlockBytes - 1) / BlockBytes);

    /// <summary>The byte counter after block <paramref name="block"/> of <paramref name="blocks"/>.</summary>
    private static ulong Counter(int block, int blocks, int total) =>
        block == blocks - 1 ? (ulong)total : (ulong)(BlockBytes * (block + 1));

    /// <summary>
    /// Writes the 16 little-endian message words of block <paramref name="block"/> of prefix || data[0..length) to
    /// words[0], words[stride], ... (zero padding past the end). <paramref name="scratch"/> holds 128 bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadWords(byte prefix, byte* data, int length, int block, ulong* words, int stride, byte* scratch)
    {
        var start = block * BlockBytes;
        var available = length + 1 - start;
        if (block > 0 && available >= BlockBytes)
        {
            var p = data + start - 1;
            for (var w = 0; w < 16; w++)
            {
                words[w * stride] = Unsafe.ReadUnaligned<ulong>(p + (8 * w));
            }

            return;
        }

        var zero = Vector256<byte>.Zero;
        zero.Store(scratch);
        zero.Store(scratch + 32);
        zero.Store(scratch + 64);
        zero.Store(scratch + 96);
        var n = Math.Min(available, BlockBytes);
        if (block == 0)
        {
            scratch[0] = prefix;
            Encoding.SymbolPacking.Copy(scratch + 1, data, n - 1);
        }
        else
        {
            Encoding.SymbolPacking.Copy(scratch, data + start - 1, n);
        }

        for (var w = 0; w < 16; w++)
        {
            words[w * stride] = Unsafe.ReadUnaligned<ulong>(scratch + (8 * w));
        }
    }
}
