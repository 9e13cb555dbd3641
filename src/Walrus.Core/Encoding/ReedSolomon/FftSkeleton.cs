namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The layer and block loops of the FFT and IFFT (docs/protocol.md §4) for a vectorized kernel, cache-blocked: a block
/// that fits in L1 runs all its layers at once; a larger one is split into quarters (the FFT runs its top two layers
/// first, the IFFT last). Every butterfly keeps its twiddle and its place in the layer order, so the bytes are those of
/// the plain loops. The FFT also skips blocks that hold no wanted output, and where only one half of a block is wanted
/// it updates only that half.
/// </summary>
internal static unsafe class FftSkeleton<TKernel>
    where TKernel : struct, IFftKernel
{
    private const int LeafBytes = Engine.LeafBytes;

    public static void Fft(
        Span<byte> work, int stride, int pos, int size, int outStart, int outEnd, int skewDelta, int lastDist, int sourcePos)
    {
        if (size <= lastDist || outStart >= outEnd)
        {
            if (sourcePos != pos)
            {
                work.Slice(sourcePos * stride, size * stride).CopyTo(work.Slice(pos * stride, size * stride));
            }

            return;
        }

        var skew = Gf16.Skew;
        fixed (byte* w = work)
        fixed (ushort* s = skew)
        {
            var t = new Transform(w + ((nint)pos * stride), stride, s + skewDelta - 1, skewDelta == 0);
            FftBlock(t, 0, size, outStart, outEnd, lastDist, (nint)(sourcePos - pos) * stride);
        }
    }

    public static void Ifft(Span<byte> work, int stride, int pos, int size, int truncatedSize, int skewDelta, int firstDist)
    {
        if (size <= firstDist)
        {
            return;
        }

        fixed (byte* w = work)
        fixed (ushort* s = Gf16.Skew)
        {
            var t = new Transform(w + ((nint)pos * stride), stride, s + skewDelta - 1, skewDelta == 0);
            IfftBlock(t, 0, size, truncatedSize, firstDist);
        }
    }

    /// <summary>Layers n/2 down to <paramref name="last"/> on block [r0, r0 + n); outputs in [lo, hi) (absolute) are exact.</summary>
    private static void FftBlock(in Transform t, int r0, int n, int lo, int hi, int last, nint from)
    {
        while (true)
        {
            if (n <= last)
            {
                return;
            }

            if ((long)n * t.Stride <= LeafBytes || n <= 8)
            {
                FftLeaf(t, r0, n, lo, hi, last, from);
                return;
            }

            var half = n >> 1;
            if (hi <= r0 + half || lo >= r0 + half)
            {
                // Only one half is wanted: one layer, updating that half only, then continue inside it.
                var upper = lo >= r0 + half;
                if (t.IsFirst(r0))
                {
                    TKernel.FftHalf<FirstBlock>(t.At(r0), from, (nint)half * t.Stride, t.Skew[r0 + half], upper);
                }
                else
                {
                    TKernel.FftHalf<OtherBlock>(t.At(r0), from, (nint)half * t.Stride, t.Skew[r0 + half], upper);
                }

                r0 += upper ? half : 0;
                n = half;
                from = 0;
                continue;
            }

            var parts = n >> 3 >= last ? 8 : n >> 2 >= last ? 4 : 2;
            var d = n / parts;
            FftTop(t, r0, d, parts, from);
            for (var k = 0; k < parts; k++)
            {
                var start = r0 + (k * d);
                if (start < hi && start + d > lo)
                {
                    FftBlock(t, start, d, lo, hi, last, 0);
                }
            }

            return;
        }
    }

    /// <summary>The top log2(parts) layers (parts = 2, 4 or 8) of the block of parts·d shards at r.</summary>
    private static void FftTop(in Transform t, int r, int d, int parts, nint from)
    {
        if (t.IsFirst(r))
        {
            FftTop<FirstBlock>(t, r, d, parts, from);
        }
        else
        {
            FftTop<OtherBlock>(t, r, d, parts, from);
        }
    }

    private static void FftTop<TBlock>(in Transform t, int r, int d, int parts, nint from)
        where TBlock : struct, IBlockKind
    {
        var step = (nint)d * t.Stride;
        var s = t.Skew + r;
        switch (parts)
        {
            case 8:
                TKernel.FftRadix8<TBlock>(t.At(r), from, step, s[4 * d], s[2 * d], s[6 * d], s[d], s[3 * d], s[5 * d], s[7 * d]);
                break;
            case 4:
                TKernel.FftRadix4<TBlock>(t.At(r), from, step, s[2 * d], s[d], s[3 * d]);
                break;
            default:
                TKernel.FftRadix2<TBlock>(t.At(r), from, step, s[d]);
                break;
        }
    }

    /// <summary>The layers of one block, three at a time, skipping sub-blocks with no wanted output.</summary>
    private static void FftLeaf(in Transform t, int r0, int n, int lo, int hi, int last, nint from)
    {
        var remaining = System.Numerics.BitOperations.Log2((uint)(n / last));
        var size = n;
        while (remaining > 0)
        {
            var group = Math.Min(remaining, 3);
            var parts = 1 << group;
            var d = size / parts;
            for (var r = r0; r < r0 + n; r += size)
            {
                if (r < hi && r + size > lo)
                {
                    FftTop(t, r, d, parts, from);
                }
            }

            from = 0;
            size = d;
            remaining -= group;
        }
    }

    /// <summary>Layers <paramref name="first"/> up to n/2 on block [r0, r0 + n); inputs at or past <paramref name="trunc"/> (absolute) are zero.</summary>
    private static void IfftBlock(in Transform t, int r0, int n, int trunc, int first)
    {
        if (n <= first)
        {
            return;
        }

        if ((long)n * t.Stride <= LeafBytes || n <= 8)
        {
            IfftLeaf(t, r0, n, trunc, first);
            return;
        }

        var parts = n >> 3 >= first ? 8 : n >> 2 >= first ? 4 : 2;
        var d = n / parts;
        for (var k = 0; k < parts; k++)
        {
            var start = r0 + (k * d);
            if (start < trunc)
            {
                IfftBlock(t, start, d, trunc, first);
            }
        }

        IfftTop(t, r0, d, parts);
    }

    /// <summary>The layers d … parts·d/2 (parts = 2, 4 or 8) of the block of parts·d shards at r.</summary>
    private static void IfftTop(in Transform t, int r, int d, int parts)
    {
        if (t.IsFirst(r))
        {
            IfftTop<FirstBlock>(t, r, d, parts);
        }
        else
        {
            IfftTop<OtherBlock>(t, r, d, parts);
        }
    }

    private static void IfftTop<TBlock>(in Transform t, int r, int d, int parts)
        where TBlock : struct, IBlockKind
    {
        var step = (nint)d * t.Stride;
        var s = t.Skew + r;
        switch (parts)
        {
            case 8:
                TKernel.IfftRadix8<TBlock>(t.At(r), step, s[d], s[3 * d], s[5 * d], s[7 * d], s[2 * d], s[6 * d], s[4 * d]);
                break;
            case 4:
                TKernel.IfftRadix4<TBlock>(t.At(r), step, s[d], s[3 * d], s[2 * d]);
                break;
            default:
                TKernel.IfftRadix2<TBlock>(t.At(r), step, s[d]);
                break;
        }
    }

    private static void IfftLeaf(in Transform t, int r0, int n, int trunc, int first)
    {
        var remaining = System.Numerics.BitOperations.Log2((uint)(n / first));
        var d = first;
        while (remaining > 0)
        {
            var group = Math.Min(remaining, 3);
            var parts = 1 << group;
            var size = d * parts;
            for (var r = r0; r < r0 + n && r < trunc; r += size)
            {
                IfftTop(t, r, d, parts);
            }

            d = size;
            remaining -= group;
        }
    }

    /// <summary>
    /// One transform: data of shard 0, stride, the skew table shifted so that Skew[r + dist] is the twiddle, and whether
    /// the transform starts at evaluation point 0 (then the block at r = 0 has zero twiddles in its first halves).
    /// </summary>
    private readonly struct Transform(byte* data, int stride, ushort* skew, bool atZero)
    {
        public readonly byte* Data = data;
        public readonly int Stride = stride;
        public readonly ushort* Skew = skew;
        public readonly bool AtZero = atZero;

        public byte* At(int position) => Data + ((nint)position * Stride);

        public bool IsFirst(int r) => AtZero && r == 0;
    }
}
