using System.Buffers;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The crate's low-rate encoder (docs/protocol.md §4): one IFFT of the originals (zero-padded to c = np2(o)) gives the
/// polynomial; recovery shard i is its value at ω_{c+i}, one FFT per chunk of c recovery shards.
/// </summary>
/// <remarks>Passes and L1 groups as in <see cref="HighRateEncoder"/>; the FFT of every chunk but the last reads the polynomial and writes a second buffer.</remarks>
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
                    var stride = ShardOps.WorkStride(w);
                    var pass = new Pass(engine, buffer[..(workShards * stride)], stride, x, w);
                    pass.LoadAndIfft(originals, originalStride, 0, originalCount, 0, c, 0);
                    for (var s = 0; s < recoveryCount; s += c)
                    {
                        // Every chunk but the last transforms a copy and keeps the polynomial.
                        var pos = s + c < recoveryCount ? c : 0;
                        pass.FftAndStore(0, pos, c, Math.Min(c, recoveryCount - s), s + c, recovery, recoveryStride, s);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
