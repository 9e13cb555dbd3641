using System.Buffers;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The crate's decoders of both rates (docs/protocol.md §4): multiply the received shards by the erasure locator,
/// IFFT, formal derivative, FFT, divide by the locator's derivative at the missing originals.
/// </summary>
/// <remarks>
/// High rate: recovery at [0, r), padding [r, c) erased, originals at [c, c + o), c = np2(r), nothing erased past c + o.
/// Low rate: originals at [0, o), padding [o, c) known zero, recovery at [c, c + r), c = np2(o), everything past c + r erased.
/// All received shards are used, as in the crate. The final FFT only computes the blocks that hold missing originals.
/// </remarks>
internal static class RateDecoder
{
    /// <summary>
    /// Restores the missing originals. <paramref name="slotOfIndex"/>[i] is where shard index i (0..o+r−1) sits in
    /// <paramref name="shards"/>, or −1; at least one original is missing and at least o shards are given.
    /// </summary>
    public static unsafe void Decode(
        Engine engine, bool highRate, int originalCount, int recoveryCount, ReadOnlySpan<int> slotOfIndex,
        ReadOnlySpan<byte> shards, int shardStride, Span<byte> originalsOut, int originalStride, int shardBytes)
    {
        int c, originalBase, recoveryBase, end;
        if (highRate)
        {
            c = Rate.NextPow2(recoveryCount);
            recoveryBase = 0;
            originalBase = c;
            end = c + originalCount;
        }
        else
        {
            c = Rate.NextPow2(originalCount);
            originalBase = 0;
            recoveryBase = c;
            end = c + recoveryCount;
        }

        var n = Rate.NextPow2(end);
        var slots = ArrayPool<int>.Shared.Rent(n);
        var locator = ArrayPool<ushort>.Shared.Rent(n);
        try
        {
            // Work position -> slot in the input (−1: not received), and the erasure array (the first step of both decoders).
            var slot = slots.AsSpan(0, n);
            var erasures = locator.AsSpan(0, n);
            slot.Fill(-1);
            erasures.Clear();
            for (var j = 0; j < originalCount; j++)
            {
                slot[originalBase + j] = slotOfIndex[j];
            }

            for (var i = 0; i < recoveryCount; i++)
            {
                slot[recoveryBase + i] = slotOfIndex[originalCount + i];
            }

            for (var p = 0; p < end; p++)
            {
                erasures[p] = slot[p] < 0 ? (ushort)1 : (ushort)0;
            }

            if (highRate)
            {
                erasures[end..].Clear();
            }
            else
            {
                erasures[originalCount..c].Clear();
                erasures[end..].Fill(1);
            }

            ErasureLocator.Evaluate(erasures, erasedBeyond: !highRate);

            var first = -1;
            var last = -1;
            for (var j = 0; j < originalCount; j++)
            {
                if (slot[originalBase + j] < 0)
                {
                    first = first < 0 ? j : first;
                    last = j;
                }
            }

            var layout = new Layout(originalBase, end, n, originalBase + first, originalBase + last + 1);
            RunPasses(engine, layout, originalCount, slot, erasures, shards, shardStride, originalsOut, originalStride, shardBytes);
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(locator);
            ArrayPool<int>.Shared.Return(slots);
        }
    }

    private static unsafe void RunPasses(
        Engine engine, Layout layout, int originalCount, ReadOnlySpan<int> slot, ReadOnlySpan<ushort> erasures,
        ReadOnlySpan<byte> shards, int shardStride, Span<byte> originalsOut, int originalStride, int shardBytes)
    {
        var n = layout.WorkCount;
        var width = Rate.PassWidth(shardBytes, n);
        var bufferBytes = n * width;
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
                    var work = buffer[..(n * stride)];
                    var leaf = Math.Min(n, Engine.LeafShards(stride));

                    // Received shards times the locator, zeros elsewhere; the IFFT of each L1 group right after loading it.
                    for (var b = 0; b < n; b += leaf)
                    {
                        var loaded = 0;
                        for (var p = b; p < b + leaf; p++)
                        {
                            var shard = work.Slice(p * stride, stride);
                            var s = p < layout.End ? slot[p] : -1;
                            if (s < 0)
                            {
                                shard.Clear();
                            }
                            else
                            {
                                ShardOps.Load(shards.Slice((s * shardStride) + x, w), shard);
                                engine.Mul(shard, erasures[p]);
                                loaded++;
                            }
                        }

                        if (loaded != 0)
                        {
                            // (The IFFT of a group of zeros is zeros.)
                            engine.Ifft(work, stride, b, leaf, Math.Min(leaf, layout.End - b), b);
                        }
                    }

                    engine.Ifft(work, stride, 0, n, layout.End, 0, leaf);
                    ShardOps.FormalDerivative(work, stride, n);

                    // FFT of the groups holding missing originals; divide those by the locator's derivative and store.
                    engine.Fft(work, stride, 0, n, layout.NeededStart, layout.NeededEnd, 0, leaf, 0);
                    for (var b = layout.NeededStart / leaf * leaf; b < layout.NeededEnd; b += leaf)
                    {
                        engine.Fft(work, stride, b, leaf, Math.Max(layout.NeededStart - b, 0), Math.Min(layout.NeededEnd - b, leaf), b);
                        var firstJ = Math.Max(b - layout.OriginalBase, 0);
                        var lastJ = Math.Min(b + leaf - layout.OriginalBase, originalCount);
                        for (var j = firstJ; j < lastJ; j++)
                        {
                            var p = layout.OriginalBase + j;
                            if (slot[p] < 0)
                            {
                                var shard = work.Slice(p * stride, stride);
                                engine.Mul(shard, (ushort)(Gf16.Modulus - erasures[p]));
                                ShardOps.Store(shard, originalsOut.Slice((j * originalStride) + x, w));
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private readonly record struct Layout(int OriginalBase, int End, int WorkCount, int NeededStart, int NeededEnd);
}
