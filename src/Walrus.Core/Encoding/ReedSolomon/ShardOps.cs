using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>Engine-independent shard operations: the byte layout (RS-ALGORITHM.md §8), XOR, the formal derivative (§4).</summary>
internal static class ShardOps
{
    /// <summary>The smallest multiple of 64 that is ≥ <paramref name="bytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RoundUp64(int bytes) => (bytes + 63) & ~63;

    /// <summary>
    /// Copies a piece of a shard into a work shard. <paramref name="source"/> is whole 64-byte blocks plus, only at the end of
    /// the shard, a tail of t bytes: its t/2 low bytes go to block bytes [0, t/2) and its t/2 high bytes to [32, 32 + t/2).
    /// </summary>
    public static void Load(ReadOnlySpan<byte> source, Span<byte> work)
    {
        var full = source.Length & ~63;
        source[..full].CopyTo(work);
        var tail = source.Length - full;
        if (tail != 0)
        {
            var half = tail >> 1;
            var block = work.Slice(full, 64);
            block.Clear();
            source.Slice(full, half).CopyTo(block);
            source.Slice(full + half, half).CopyTo(block[32..]);
        }
    }

    /// <summary>The inverse of <see cref="Load"/>: writes <paramref name="destination"/>.Length bytes of shard data from a work shard.</summary>
    public static void Store(ReadOnlySpan<byte> work, Span<byte> destination)
    {
        var full = destination.Length & ~63;
        work[..full].CopyTo(destination[..full]);
        var tail = destination.Length - full;
        if (tail != 0)
        {
            var half = tail >> 1;
            work.Slice(full, half).CopyTo(destination.Slice(full, half));
            work.Slice(full + 32, half).CopyTo(destination.Slice(full + half, half));
        }
    }

    /// <summary>destination ^= source, lane-wise (any length; the spans must not overlap unless identical).</summary>
    public static void Xor(Span<byte> destination, ReadOnlySpan<byte> source)
    {
        var n = destination.Length;
        ref var d = ref MemoryMarshal.GetReference(destination);
        ref var s = ref MemoryMarshal.GetReference(source);
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; (int)i + 128 <= n; i += 128)
            {
                var a0 = Vector512.LoadUnsafe(ref d, i) ^ Vector512.LoadUnsafe(ref s, i);
                var a1 = Vector512.LoadUnsafe(ref d, i + 64) ^ Vector512.LoadUnsafe(ref s, i + 64);
                a0.StoreUnsafe(ref d, i);
                a1.StoreUnsafe(ref d, i + 64);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; (int)i + 32 <= n; i += 32)
            {
                (Vector256.LoadUnsafe(ref d, i) ^ Vector256.LoadUnsafe(ref s, i)).StoreUnsafe(ref d, i);
            }
        }

        for (; (int)i + 8 <= n; i += 8)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, i),
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref d, i)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i)));
        }

        for (; (int)i < n; i++)
        {
            Unsafe.Add(ref d, i) ^= Unsafe.Add(ref s, i);
        }
    }

    /// <summary>
    /// The crate's formal derivative over shards [0, count): for i = 1 .. count − 1 ascending, with w the lowest set bit
    /// of i, shards [i − w, i) ^= shards [i, i + w). Both ranges are contiguous, so each step is one XOR.
    /// </summary>
    public static void FormalDerivative(Span<byte> work, int stride, int count)
    {
        for (var i = 1; i < count; i++)
        {
            var w = i & -i;
            Xor(work.Slice((i - w) * stride, w * stride), work.Slice(i * stride, w * stride));
        }
    }
}
