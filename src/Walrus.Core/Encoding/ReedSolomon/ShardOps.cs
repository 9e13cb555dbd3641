using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>Engine-independent shard operations: the byte layout (docs/protocol.md §4), XOR, the formal derivative (§4).</summary>
internal static class ShardOps
{
    /// <summary>Bytes of one work block: 64 low bytes, then 64 high bytes (64 elements).</summary>
    public const int BlockBytes = 128;

    /// <summary>The smallest multiple of 64 that is ≥ <paramref name="bytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RoundUp64(int bytes) => (bytes + 63) & ~63;

    /// <summary>Bytes of a work shard holding <paramref name="bytes"/> bytes of shard data: whole 128-byte blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WorkStride(int bytes) => (bytes + 127) & ~127;

    /// <summary>
    /// Copies a piece of a shard into a work shard. The shard layout (docs/protocol.md §4): every 64-byte block is 32 low
    /// bytes then 32 high bytes; a last partial block of t bytes is t/2 low then t/2 high bytes. The work layout pairs
    /// the shard's blocks: shard blocks 2k and 2k + 1 become work block k, lows [lo(2k) lo(2k+1)] then highs
    /// [hi(2k) hi(2k+1)], so that a 64-byte vector holds only low or only high bytes. Operations are lane-wise, so the
    /// pairing is free to choose; <see cref="Store"/> undoes it. Unused lanes are zeroed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Load(ReadOnlySpan<byte> source, Span<byte> work)
    {
        var length = source.Length;
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var w = ref MemoryMarshal.GetReference(work);
        var full = length >> 6;
        nuint k = 0;
        for (; (int)k + 2 <= full; k += 2)
        {
            // Two shard blocks [l0 h0][l1 h1] -> [l0 l1][h0 h1]: swap the middle 32-byte pieces.
            var o = k * 64;
            var l0 = Vector256.LoadUnsafe(ref s, o);
            var h0 = Vector256.LoadUnsafe(ref s, o + 32);
            var l1 = Vector256.LoadUnsafe(ref s, o + 64);
            var h1 = Vector256.LoadUnsafe(ref s, o + 96);
            l0.StoreUnsafe(ref w, o);
            l1.StoreUnsafe(ref w, o + 32);
            h0.StoreUnsafe(ref w, o + 64);
            h1.StoreUnsafe(ref w, o + 96);
        }

        var rest = length - ((int)k * 64);
        if (rest == 0)
        {
            return;
        }

        // One last block pair, partly used: a full block and/or the tail.
        if (rest == 64)
        {
            var o = k * 64;
            Vector256.LoadUnsafe(ref s, o).StoreUnsafe(ref w, o);
            Vector256<byte>.Zero.StoreUnsafe(ref w, o + 32);
            Vector256.LoadUnsafe(ref s, o + 32).StoreUnsafe(ref w, o + 64);
            Vector256<byte>.Zero.StoreUnsafe(ref w, o + 96);
            return;
        }

        var block = work.Slice((int)k * 64, BlockBytes);
        block.Clear();
        var offset = (int)k * 64;
        var half = 0;
        if (rest >= 64)
        {
            source.Slice(offset, 32).CopyTo(block);
            source.Slice(offset + 32, 32).CopyTo(block[64..]);
            offset += 64;
            rest -= 64;
            half = 32;
        }

        if (rest > 0)
        {
            var lanes = rest >> 1;
            source.Slice(offset, lanes).CopyTo(block[half..]);
            source.Slice(offset + lanes, lanes).CopyTo(block[(64 + half)..]);
        }
    }

    /// <summary>The inverse of <see cref="Load"/>: writes <paramref name="destination"/>.Length bytes of shard data from a work shard.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Store(ReadOnlySpan<byte> work, Span<byte> destination)
    {
        var length = destination.Length;
        ref var w = ref MemoryMarshal.GetReference(work);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var full = length >> 6;
        nuint k = 0;
        for (; (int)k + 2 <= full; k += 2)
        {
            var o = k * 64;
            var l0 = Vector256.LoadUnsafe(ref w, o);
            var l1 = Vector256.LoadUnsafe(ref w, o + 32);
            var h0 = Vector256.LoadUnsafe(ref w, o + 64);
            var h1 = Vector256.LoadUnsafe(ref w, o + 96);
            l0.StoreUnsafe(ref d, o);
            h0.StoreUnsafe(ref d, o + 32);
            l1.StoreUnsafe(ref d, o + 64);
            h1.StoreUnsafe(ref d, o + 96);
        }

        var rest = length - ((int)k * 64);
        if (rest == 0)
        {
            return;
        }

        if (rest == 64)
        {
            var o = k * 64;
            Vector256.LoadUnsafe(ref w, o).StoreUnsafe(ref d, o);
            Vector256.LoadUnsafe(ref w, o + 64).StoreUnsafe(ref d, o + 32);
            return;
        }

        var block = work.Slice((int)k * 64, BlockBytes);
        var offset = (int)k * 64;
        var half = 0;
        if (rest >= 64)
        {
            block[..32].CopyTo(destination.Slice(offset, 32));
            block.Slice(64, 32).CopyTo(destination.Slice(offset + 32, 32));
            offset += 64;
            rest -= 64;
            half = 32;
        }

        if (rest > 0)
        {
            var lanes = rest >> 1;
            block.Slice(half, lanes).CopyTo(destination.Slice(offset, lanes));
            block.Slice(64 + half, lanes).CopyTo(destination.Slice(offset + lanes, lanes));
        }
    }

    /// <summary>destination ^= source, lane-wise (any length; the spans must not overlap unless identical).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    /// of i, shards [i − w, i) ^= shards [i, i + w). Every step reads only values no earlier step wrote, so this is
    /// new[j] = old[j] ^ XOR of old[j + 2^m] over the bits m that are 0 in j (with j + 2^m &lt; count).
    /// </summary>
    /// <remarks>
    /// Computed in that closed form, eight shards at a time and ascending, so that each shard is written once: for
    /// j = 8b + l the terms with m &lt; 3 come from the same group of eight, the others from group b + 2^(m − 3) at the
    /// same l, which is still unwritten. The plain loop writes every shard about log2(count)/2 times.
    /// </remarks>
    public static void FormalDerivative(Span<byte> work, int stride, int count)
    {
        if (count < 8 || (count & (count - 1)) != 0 || (stride & 63) != 0)
        {
            FormalDerivativeReference(work, stride, count);
        }
        else if (Vector512.IsHardwareAccelerated)
        {
            FormalDerivative512(work, stride, count);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            FormalDerivative128(work, stride, count);
        }
        else
        {
            FormalDerivativeReference(work, stride, count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FormalDerivative512(Span<byte> work, int stride, int count)
    {
        var groups = count >> 3;
        var groupBytes = (nint)stride * 8;
        ref var w0 = ref MemoryMarshal.GetReference(work);
        for (var b = 0; b < groups; b++)
        {
            ref var g = ref Unsafe.Add(ref w0, b * groupBytes);
            for (nint c = 0; c < stride; c += 64)
            {
                ref var col = ref Unsafe.Add(ref g, c);
                var x0 = Vector512.LoadUnsafe(ref col);
                var x1 = Vector512.LoadUnsafe(ref col, (nuint)stride);
                var x2 = Vector512.LoadUnsafe(ref col, (nuint)(2 * stride));
                var x3 = Vector512.LoadUnsafe(ref col, (nuint)(3 * stride));
                var x4 = Vector512.LoadUnsafe(ref col, (nuint)(4 * stride));
                var x5 = Vector512.LoadUnsafe(ref col, (nuint)(5 * stride));
                var x6 = Vector512.LoadUnsafe(ref col, (nuint)(6 * stride));
                var x7 = Vector512.LoadUnsafe(ref col, (nuint)(7 * stride));
                var (y1, y2, y3, y4, y5, y6, y7) = (x1, x2, x3, x4, x5, x6, x7);

                // Terms from later groups: group b + 2^M for every bit M that is 0 in b.
                for (var bit = 1; b + bit < groups; bit <<= 1)
                {
                    if ((b & bit) != 0)
                    {
                        continue;
                    }

                    ref var o = ref Unsafe.Add(ref col, bit * groupBytes);
                    x0 ^= Vector512.LoadUnsafe(ref o);
                    x1 ^= Vector512.LoadUnsafe(ref o, (nuint)stride);
                    x2 ^= Vector512.LoadUnsafe(ref o, (nuint)(2 * stride));
                    x3 ^= Vector512.LoadUnsafe(ref o, (nuint)(3 * stride));
                    x4 ^= Vector512.LoadUnsafe(ref o, (nuint)(4 * stride));
                    x5 ^= Vector512.LoadUnsafe(ref o, (nuint)(5 * stride));
                    x6 ^= Vector512.LoadUnsafe(ref o, (nuint)(6 * stride));
                    x7 ^= Vector512.LoadUnsafe(ref o, (nuint)(7 * stride));
                }

                // Terms inside the group (bits 0..2 of l), from the group's old values y.
                (x0 ^ y1 ^ y2 ^ y4).StoreUnsafe(ref col);
                (x1 ^ y3 ^ y5).StoreUnsafe(ref col, (nuint)stride);
                (x2 ^ y3 ^ y6).StoreUnsafe(ref col, (nuint)(2 * stride));
                (x3 ^ y7).StoreUnsafe(ref col, (nuint)(3 * stride));
                (x4 ^ y5 ^ y6).StoreUnsafe(ref col, (nuint)(4 * stride));
                (x5 ^ y7).StoreUnsafe(ref col, (nuint)(5 * stride));
                (x6 ^ y7).StoreUnsafe(ref col, (nuint)(6 * stride));
                x7.StoreUnsafe(ref col, (nuint)(7 * stride));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FormalDerivative128(Span<byte> work, int stride, int count)
    {
        var groups = count >> 3;
        var groupBytes = (nint)stride * 8;
        ref var w0 = ref MemoryMarshal.GetReference(work);
        for (var b = 0; b < groups; b++)
        {
            ref var g = ref Unsafe.Add(ref w0, b * groupBytes);
            for (nint c = 0; c < stride; c += 16)
            {
                ref var col = ref Unsafe.Add(ref g, c);
                var x0 = Vector128.LoadUnsafe(ref col);
                var x1 = Vector128.LoadUnsafe(ref col, (nuint)stride);
                var x2 = Vector128.LoadUnsafe(ref col, (nuint)(2 * stride));
                var x3 = Vector128.LoadUnsafe(ref col, (nuint)(3 * stride));
                var x4 = Vector128.LoadUnsafe(ref col, (nuint)(4 * stride));
                var x5 = Vector128.LoadUnsafe(ref col, (nuint)(5 * stride));
                var x6 = Vector128.LoadUnsafe(ref col, (nuint)(6 * stride));
                var x7 = Vector128.LoadUnsafe(ref col, (nuint)(7 * stride));
                var (y1, y2, y3, y4, y5, y6, y7) = (x1, x2, x3, x4, x5, x6, x7);

                // Terms from later groups: group b + 2^M for every bit M that is 0 in b.
                for (var bit = 1; b + bit < groups; bit <<= 1)
                {
                    if ((b & bit) != 0)
                    {
                        continue;
                    }

                    ref var o = ref Unsafe.Add(ref col, bit * groupBytes);
                    x0 ^= Vector128.LoadUnsafe(ref o);
                    x1 ^= Vector128.LoadUnsafe(ref o, (nuint)stride);
                    x2 ^= Vector128.LoadUnsafe(ref o, (nuint)(2 * stride));
                    x3 ^= Vector128.LoadUnsafe(ref o, (nuint)(3 * stride));
                    x4 ^= Vector128.LoadUnsafe(ref o, (nuint)(4 * stride));
                    x5 ^= Vector128.LoadUnsafe(ref o, (nuint)(5 * stride));
                    x6 ^= Vector128.LoadUnsafe(ref o, (nuint)(6 * stride));
                    x7 ^= Vector128.LoadUnsafe(ref o, (nuint)(7 * stride));
                }

                // Terms inside the group (bits 0..2 of l), from the group's old values y.
                (x0 ^ y1 ^ y2 ^ y4).StoreUnsafe(ref col);
                (x1 ^ y3 ^ y5).StoreUnsafe(ref col, (nuint)stride);
                (x2 ^ y3 ^ y6).StoreUnsafe(ref col, (nuint)(2 * stride));
                (x3 ^ y7).StoreUnsafe(ref col, (nuint)(3 * stride));
                (x4 ^ y5 ^ y6).StoreUnsafe(ref col, (nuint)(4 * stride));
                (x5 ^ y7).StoreUnsafe(ref col, (nuint)(5 * stride));
                (x6 ^ y7).StoreUnsafe(ref col, (nuint)(6 * stride));
                x7.StoreUnsafe(ref col, (nuint)(7 * stride));
            }
        }
    }

    /// <summary>The crate's loop as written (reference for tests and the fallback).</summary>
    public static void FormalDerivativeReference(Span<byte> work, int stride, int count)
    {
        for (var i = 1; i < count; i++)
        {
            var w = i & -i;
            Xor(work.Slice((i - w) * stride, w * stride), work.Slice(i * stride, w * stride));
        }
    }
}
