using System.Buffers;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The crate's high-rate encoder (docs/protocol.md §4): originals in chunks of c = np2(r) shards, each chunk's IFFT at
/// its own offset (k + 1)·c, XORed together, then one FFT at offset 0 gives the recovery shards.
/// </summary>
/// <remarks>
/// The work is done in passes over column ranges of the shards so that it stays in L2. Within a pass, the IFFT of every
/// L1-sized group of shards runs as soon as the group is loaded, and the FFT's last layers run group by group just
/// before the group is stored.
/// </remarks>
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
                    var stride = ShardOps.WorkStride(w);
                    var pass = new Pass(engine, buffer[..(workShards * stride)], stride, x, w);
                    EncodePass(pass, originalCount, recoveryCount, c, originals, originalStride, recovery, recoveryStride);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private static void EncodePass(
        in Pass pass, int originalCount, int recoveryCount, int c,
        ReadOnlySpan<byte> originals, int originalStride, Span<byte> recovery, int recoveryStride)
    {
        pass.LoadAndIfft(originals, originalStride, 0, Math.Min(originalCount, c), 0, c, c);
        for (var s = c; s < originalCount; s += c)
        {
            pass.LoadAndIfft(originals, originalStride, s, Math.Min(c, originalCount - s), c, c, s + c);
            ShardOps.Xor(pass.Work[..(c * pass.Stride)], pass.Work.Slice(c * pass.Stride, c * pass.Stride));
        }

        pass.FftAndStore(0, 0, c, recoveryCount, 0, recovery, recoveryStride, 0);
    }
}
