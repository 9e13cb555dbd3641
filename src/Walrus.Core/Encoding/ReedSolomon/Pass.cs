namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// One pass of an encoder over a column range [x, x + w) of every shard: its work buffer and the two steps the
/// encoders share, loading originals into an IFFT and storing recovery shards out of an FFT, both done group by group
/// (<see cref="Engine.LeafShards"/> shards) so that each group is transformed while it is still in L1.
/// </summary>
internal readonly ref struct Pass(Engine engine, Span<byte> work, int stride, int x, int w)
{
    public readonly Engine Engine = engine;
    public readonly Span<byte> Work = work;
    public readonly int Stride = stride;
    public readonly int X = x;
    public readonly int W = w;

    public Span<byte> Shard(int position) => Work.Slice(position * Stride, Stride);

    /// <summary>
    /// Loads originals [first, first + count) into work positions [pos, pos + count), zeroes [pos + count, pos + size),
    /// and runs the IFFT of size <paramref name="size"/> at offset <paramref name="skewDelta"/> on them.
    /// </summary>
    public void LoadAndIfft(ReadOnlySpan<byte> originals, int originalStride, int first, int count, int pos, int size, int skewDelta)
    {
        var leaf = Math.Min(size, Engine.LeafShards(Stride));
        for (var b = 0; b < size; b += leaf)
        {
            var n = Math.Clamp(count - b, 0, leaf);
            for (var j = 0; j < n; j++)
            {
                ShardOps.Load(originals.Slice(((first + b + j) * originalStride) + X, W), Shard(pos + b + j));
            }

            Work.Slice((pos + b + n) * Stride, (leaf - n) * Stride).Clear();
            if (n > 0)
            {
                Engine.Ifft(Work, Stride, pos + b, leaf, n, skewDelta + b);
            }
        }

        Engine.Ifft(Work, Stride, pos, size, count, skewDelta, leaf);
    }

    /// <summary>
    /// Runs the FFT of size <paramref name="size"/> at offset <paramref name="skewDelta"/> from work positions
    /// [sourcePos, …) into [pos, …) and stores its first <paramref name="count"/> outputs as recovery shards
    /// [firstRecovery, firstRecovery + count).
    /// </summary>
    public void FftAndStore(int sourcePos, int pos, int size, int count, int skewDelta, Span<byte> recovery, int recoveryStride, int firstRecovery)
    {
        var leaf = Math.Min(size, Engine.LeafShards(Stride));
        Engine.Fft(Work, Stride, pos, size, 0, count, skewDelta, leaf, sourcePos);
        for (var b = 0; b < count; b += leaf)
        {
            var n = Math.Min(leaf, count - b);
            Engine.Fft(Work, Stride, pos + b, leaf, 0, n, skewDelta + b);
            for (var i = 0; i < n; i++)
            {
                ShardOps.Store(Shard(pos + b + i), recovery.Slice(((firstRecovery + b + i) * recoveryStride) + X, W));
            }
        }
    }
}
