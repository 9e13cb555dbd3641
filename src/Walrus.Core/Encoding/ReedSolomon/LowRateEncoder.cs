using System.Buffers;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The crate's low-rate encoder (RS-ALGORITHM.md §5b): one IFFT of the originals (zero-padded to c = np2(o)) gives the
/// polynomial; recovery shard i is its value at ω_{c+i}, one FFT per chunk of c recovery shards.
/// </summary>
internal static class LowRateEncoder
{
    public static unsafe void Encode(
        Engine engine, int originalCount, int recoveryCount,
        ReadOnlySpan<byte> originals, int originalStride, Span<byte> recovery, int recoveryStride, int shardBytes)
    {
        var c = Rate.NextPow2(originalCount);
        var workShards = recoveryCount > c ? 2 * c : c;
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
                    EncodePass(engine, originalCount, recoveryCount, c, originals, originalStride, x, w, work, stride,
                        recovery, recoveryStride);
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
        ReadOnlySpan<byte> originals, int originalStride, int x, int w, Span<byte> work, int stride,
        Span<byte> recovery, int recoveryStride)
    {
        for (var j = 0; j < originalCount; j++)
        {
            ShardOps.Load(originals.Slice((j * originalStride) + x, w), work.Slice(j * stride, stride));
        }

        work[(originalCount * stride)..(c * stride)].Clear();
        engine.Ifft(work, stride, 0, c, originalCount, 0);

        for (var s = 0; s < recoveryCount; s += c)
        {
            var q = Math.Min(c, recoveryCount - s);
            var pos = 0;
            if (s + c < recoveryCount)
            {
                // More chunks follow: transform a copy and keep the polynomial.
                pos = c;
                work[..(c * stride)].CopyTo(work.Slice(c * stride, c * stride));
            }

            engine.Fft(work, stride, pos, c, 0, q, s + c);
            for (var i = 0; i < q; i++)
            {
                ShardOps.Store(work.Slice((pos + i) * stride, stride), recovery.Slice(((s + i) * recoveryStride) + x, w));
            }
        }
    }
}
