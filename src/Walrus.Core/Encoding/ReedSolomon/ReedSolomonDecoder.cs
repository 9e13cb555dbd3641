using System.Buffers;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The Reed-Solomon decoder of reed-solomon-simd 3.1: restores the originals from any <see cref="OriginalCount"/> of the
/// original and recovery shards, with the same rate rule as <see cref="ReedSolomonEncoder"/>.
/// </summary>
/// <remarks>Immutable and thread-safe; each call rents its scratch.</remarks>
public sealed class ReedSolomonDecoder
{
    private readonly Engine _engine;

    /// <summary>Creates a decoder for <paramref name="originalCount"/> originals and <paramref name="recoveryCount"/> recovery shards.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The crate does not support these counts.</exception>
    public ReedSolomonDecoder(int originalCount, int recoveryCount)
        : this(originalCount, recoveryCount, null, Engine.Best)
    {
    }

    /// <summary>Test and benchmark hook: a given engine, and optionally a forced rate.</summary>
    internal ReedSolomonDecoder(int originalCount, int recoveryCount, bool? forceHighRate, Engine engine)
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

    /// <summary>Whether the crate's high-rate engine is used.</summary>
    public bool UsesHighRate { get; }

    /// <summary>
    /// Restores all originals. <paramref name="shardIndices"/>[j] names the shard at <c>shards[j * shardStride ..][..shardBytes]</c>:
    /// 0..o−1 are originals, o..o+r−1 recovery shards. Every given shard is used, as in the crate (for consistent shards any
    /// sufficient subset gives the same bytes). Original i is written to <c>originalsOut[i * originalStride ..][..shardBytes]</c>
    /// (bytes between shards are not touched); <paramref name="originalsOut"/> must not overlap <paramref name="shards"/>.
    /// </summary>
    /// <returns>false if fewer than <see cref="OriginalCount"/> shards are given; nothing is written then.</returns>
    /// <exception cref="ArgumentException">Bad sizes or strides, an index out of range, or a duplicate index.</exception>
    public bool TryDecode(
        ReadOnlySpan<int> shardIndices, ReadOnlySpan<byte> shards, int shardStride,
        Span<byte> originalsOut, int originalStride, int shardBytes)
    {
        Rate.ValidateShardBytes(shardBytes);
        if (shardIndices.Length > 0)
        {
            ReedSolomonEncoder.CheckArea(shards.Length, shardIndices.Length, shardStride, shardBytes, nameof(shards));
        }

        ReedSolomonEncoder.CheckArea(originalsOut.Length, OriginalCount, originalStride, shardBytes, nameof(originalsOut));

        var total = OriginalCount + RecoveryCount;
        var slotArray = ArrayPool<int>.Shared.Rent(total);
        try
        {
            var slotOfIndex = slotArray.AsSpan(0, total);
            slotOfIndex.Fill(-1);
            var originalsGiven = 0;
            for (var j = 0; j < shardIndices.Length; j++)
            {
                var index = shardIndices[j];
                if ((uint)index >= (uint)total)
                {
                    ThrowHelper.Argument(nameof(shardIndices), $"Shard index {index} is out of range [0, {total}).");
                }

                if (slotOfIndex[index] >= 0)
                {
                    ThrowHelper.Argument(nameof(shardIndices), $"Shard index {index} is given twice.");
                }

                slotOfIndex[index] = j;
                originalsGiven += index < OriginalCount ? 1 : 0;
            }

            if (shardIndices.Length < OriginalCount)
            {
                return false;
            }

            if (originalsGiven < OriginalCount)
            {
                RateDecoder.Decode(_engine, UsesHighRate, OriginalCount, RecoveryCount, slotOfIndex,
                    shards, shardStride, originalsOut, originalStride, shardBytes);
            }

            for (var i = 0; i < OriginalCount; i++)
            {
                var s = slotOfIndex[i];
                if (s >= 0)
                {
                    shards.Slice(s * shardStride, shardBytes).CopyTo(originalsOut.Slice(i * originalStride, shardBytes));
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(slotArray);
        }
    }
}
