
namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The Reed-Solomon encoder of reed-solomon-simd 3.1 (GF(2^16), Leopard-style additive FFT), bit-exact: the recovery
/// shards it writes are the crate's <c>ReedSolomonEncoder</c> output for the same originals (docs/protocol.md §4).
/// </summary>
/// <remarks>
/// Immutable and thread-safe: concurrent <see cref="Encode(ReadOnlySpan{byte}, Span{byte}, int)"/> calls share nothing
/// but the process-wide tables; each call rents its scratch. Lanes are independent, so callers may split one encode
/// into column ranges (the strided overload) and run them in parallel; column boundaries must then be multiples of 64
/// bytes except at the end of the shard, because of the partial-block layout.
/// </remarks>
public sealed class ReedSolomonEncoder
{
    private readonly Engine _engine;

    /// <summary>Creates an encoder for <paramref name="originalCount"/> originals and <paramref name="recoveryCount"/> recovery shards.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The crate does not support these counts.</exception>
    public ReedSolomonEncoder(int originalCount, int recoveryCount)
        : this(originalCount, recoveryCount, null, Engine.Best)
    {
    }

    /// <summary>Test and benchmark hook: a given engine, and optionally a forced rate (the crate's HighRate/LowRate types).</summary>
    internal ReedSolomonEncoder(int originalCount, int recoveryCount, bool? forceHighRate, Engine engine)
    {
        UsesHighRate = Rate.Validate(originalCount, recoveryCount, forceHighRate);
        OriginalCount = originalCount;
        RecoveryCount = recoveryCount;
        _engine = engine;
    }

    /// <summary>Number of original shards.</summary>
    public int OriginalCount { get; }

    /// <summary>Number of recovery shards.</summary>
    public int RecoveryCount { get; }

    /// <summary>Whether the crate's high-rate engine is used (its <c>DefaultRate</c> rule, docs/protocol.md §4).</summary>
    public bool UsesHighRate { get; }

    /// <summary>
    /// Computes the recovery shards. Original i is at <c>originals[i * shardBytes ..]</c> and recovery i is written to
    /// <c>recovery[i * shardBytes ..]</c>; <paramref name="shardBytes"/> must be even and positive.
    /// </summary>
    public void Encode(ReadOnlySpan<byte> originals, Span<byte> recovery, int shardBytes) =>
        Encode(originals, shardBytes, recovery, shardBytes, shardBytes);

    /// <summary>
    /// Computes the recovery shards with strides: original i is <c>originals[i * originalStride ..][..shardBytes]</c>,
    /// recovery i goes to <c>recovery[i * recoveryStride ..][..shardBytes]</c>. Bytes between shards are not touched.
    /// The two buffers must not overlap.
    /// </summary>
    public void Encode(ReadOnlySpan<byte> originals, int originalStride, Span<byte> recovery, int recoveryStride, int shardBytes)
    {
        Rate.ValidateShardBytes(shardBytes);
        CheckArea(originals.Length, OriginalCount, originalStride, shardBytes, nameof(originals));
        CheckArea(recovery.Length, RecoveryCount, recoveryStride, shardBytes, nameof(recovery));

        if (UsesHighRate)
        {
            HighRateEncoder.Encode(_engine, OriginalCount, RecoveryCount, originals, originalStride, recovery, recoveryStride, shardBytes);
        }
        else
        {
            LowRateEncoder.Encode(_engine, OriginalCount, RecoveryCount, originals, originalStride, recovery, recoveryStride, shardBytes);
        }
    }

    internal static void CheckArea(int length, int count, int stride, int shardBytes, string name)
    {
        if (stride < shardBytes)
        {
            ThrowHelper.Argument(name, $"The stride of {name} ({stride}) is smaller than the shard size ({shardBytes}).");
        }

        if ((long)(count - 1) * stride + shardBytes > length)
        {
            ThrowHelper.Argument(
                name,
                $"{name} holds {length} bytes; {count} shards of {shardBytes} bytes at stride {stride} need {((long)(count - 1) * stride) + shardBytes}.");
        }
    }
}
