using System.Buffers;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The crate's high-rate encoder (RS-ALGORITHM.md §5a): originals in chunks of c = np2(r) shards, each chunk's IFFT at
/// its own offset (k + 1)·c, XORed together, then one FFT at offset 0 gives the recovery shards.
/// </summary>
internal static class HighRateEncoder
{
    public static unsafe void Encode(
        Engine engine, int originalCount, int recoveryCount,
        ReadOnlySpan<byte> originals, int originalStride, Span<byte> recovery, int recoveryStride, int shardBytes)
    {
        var c = Rate.NextPow2(recoveryCount);
        var workShards = originalCount > c ? 2 * c : c;
        var width = Rate.PassWidth(shardBytes, workShards);
        var bufferBytes = workShards * width;
        var array = ArrayPool<byte>.Shared.Rent(bufferBytes + 64);
        try
        {
            fixed (byte* pinned = array)
            {
                var align = (int)((64 - ((nint)pinned & 63)) & 63);
                var buffer = array.AsSpan(align, bufferBytes);
                for (var x = 0; x < shardBytes; x += width)
                {
                    var w = Math.Min(width, shardBytes - x);
                    var stride = ShardOps.RoundUp64(w);
                    var work = buffer[..(workShards * stride)];
                    EncodePass(engine, originalCount, recoveryCount, c, originals, originalStride, x, w, work, stride);
                    for (var i = 0; i < recoveryCount; i++)
                    {
                        ShardOps.Store(work.Slice(i * stride, stride), recovery.Slice((i * recoveryStride) + x, w));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private static void EncodePass(
        Engine engine, int originalCount, int recoveryCount, int c,
        ReadOnlySpan<byte> originals, int originalStride, int x, int w, Span<byte> work, int stride)
    {
        var first = Math.Min(originalCount, c);
        for (var j = 0; j < first; j++)
        {
            ShardOps.Load(originals.Slice((j * originalStride) + x, w), work.Slice(j * stride, stride));
        }

        work[(first * stride)..(c * stride)].Clear();
        engine.Ifft(work, stride, 0, c, first, c);

        for (var s = c; s < originalCount; s += c)
        {
            var q = Math.Min(c, originalCount - s);
            for (var j = 0; j < q; j++)
            {
                ShardOps.Load(originals.Slice(((s + j) * originalStride) + x, w), work.Slice((c + j) * stride, stride));
            }

            work[((c + q) * stride)..(2 * c * stride)].Clear();
            engine.Ifft(work, stride, c, c, q, s + c);
            ShardOps.Xor(work[..(c * stride)], work.Slice(c * stride, c * stride));
        }

        engine.Fft(work, stride, 0, c, 0, recoveryCount, 0);
    }
}
