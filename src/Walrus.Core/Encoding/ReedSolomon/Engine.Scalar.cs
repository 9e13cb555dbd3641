using System.Runtime.CompilerServices;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The reference engine: the plain loops of docs/protocol.md §4, one element at a time through the exp/log tables.
/// Kept forever; the vectorized engines are tested byte for byte against it.
/// </summary>
internal sealed class ScalarEngine : Engine
{
    public static readonly ScalarEngine Instance = new();

    private ScalarEngine()
    {
    }

    public override string Name => "Scalar";

    public override void Fft(
        Span<byte> work, int stride, int pos, int size, int outStart, int outEnd, int skewDelta, int lastDist, int sourcePos)
    {
        if (sourcePos != pos)
        {
            work.Slice(sourcePos * stride, size * stride).CopyTo(work.Slice(pos * stride, size * stride));
        }

        var skew = Gf16.Skew;
        for (var dist = size >> 1; dist >= lastDist; dist >>= 1)
        {
            for (var r = 0; r < outEnd; r += dist << 1)
            {
                if (r + (dist << 1) <= outStart)
                {
                    continue;
                }

                var t = skew[r + dist + skewDelta - 1];
                for (var i = r; i < r + dist; i++)
                {
                    var a = work.Slice((pos + i) * stride, stride);
                    var b = work.Slice((pos + i + dist) * stride, stride);
                    FftButterfly(a, b, t);
                }
            }
        }
    }

    public override void Ifft(Span<byte> work, int stride, int pos, int size, int truncatedSize, int skewDelta, int firstDist)
    {
        var skew = Gf16.Skew;
        for (var dist = firstDist; dist < size; dist <<= 1)
        {
            for (var r = 0; r < truncatedSize; r += dist << 1)
            {
                var t = skew[r + dist + skewDelta - 1];
                for (var i = r; i < r + dist; i++)
                {
                    var a = work.Slice((pos + i) * stride, stride);
                    var b = work.Slice((pos + i + dist) * stride, stride);
                    IfftButterfly(a, b, t);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Mul(Span<byte> data, ushort logM)
    {
        for (var block = 0; block < data.Length; block += ShardOps.BlockBytes)
        {
            for (var l = 0; l < 64; l++)
            {
                var x = Gf16.Mul(Get(data, block, l), logM);
                Set(data, block, l, x);
            }
        }
    }

    private static void FftButterfly(Span<byte> a, Span<byte> b, ushort t)
    {
        for (var block = 0; block < a.Length; block += ShardOps.BlockBytes)
        {
            for (var l = 0; l < 64; l++)
            {
                var x = Get(a, block, l);
                var y = Get(b, block, l);
                if (t != Gf16.Modulus)
                {
                    x ^= Gf16.Mul(y, t);
                }

                y ^= x;
                Set(a, block, l, x);
                Set(b, block, l, y);
            }
        }
    }

    private static void IfftButterfly(Span<byte> a, Span<byte> b, ushort t)
    {
        for (var block = 0; block < a.Length; block += ShardOps.BlockBytes)
        {
            for (var l = 0; l < 64; l++)
            {
                var x = Get(a, block, l);
                var y = Get(b, block, l);
                y ^= x;
                if (t != Gf16.Modulus)
                {
                    x ^= Gf16.Mul(y, t);
                }

                Set(a, block, l, x);
                Set(b, block, l, y);
            }
        }
    }

    private static ushort Get(Span<byte> shard, int block, int lane) =>
        (ushort)(shard[block + lane] | (shard[block + 64 + lane] << 8));

    private static void Set(Span<byte> shard, int block, int lane, ushort value)
    {
        shard[block + lane] = (byte)value;
        shard[block + 64 + lane] = (byte)(value >> 8);
    }
}
