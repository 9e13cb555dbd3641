using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Walrus.Core.Encoding;

/// <summary>
/// Packs many S-byte symbols into one Reed-Solomon shard so that a single encode or decode call processes them all.
/// </summary>
/// <remarks>
/// The Reed-Solomon code works lane by lane on GF(2^16) elements, and an S-byte symbol's bytes pair into elements by
/// the crate's layout (docs/protocol.md §4): each full 64-byte block is 32 low bytes then 32 high bytes; a partial tail
/// of t bytes is t/2 low bytes then t/2 high bytes. The packed shard keeps every pair together in one lane:
/// <list type="bullet">
/// <item>region A: the full 64-byte blocks of symbol 0, 1, ... back to back (already in the native layout);</item>
/// <item>region B: the tail elements of all symbols, element k of symbol s in lane s * t/2 + k of native 64-byte
/// blocks (low byte at block offset lane % 32, high byte at 32 + lane % 32).</item>
/// </list>
/// The packed size is a multiple of 64, so the shard is processed entirely in the native layout and may be split at
/// any 64-byte boundary. Lanes past the last tail element are padding: whatever they hold only affects the same
/// padding lanes of the output.
/// </remarks>
internal static unsafe class SymbolPacking
{
    /// <summary>The size of a packed shard holding <paramref name="count"/> symbols of <paramref name="symbolSize"/> bytes.</summary>
    public static int PackedSize(int count, int symbolSize)
    {
        var fullBytes = symbolSize & ~63;
        var half = (symbolSize & 63) >> 1;
        return checked((count * fullBytes) + (64 * (((count * half) + 31) >> 5)));
    }

    /// <summary>Copies symbol <paramref name="index"/> (of <paramref name="count"/>) from <paramref name="symbol"/> into the packed shard.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Pack(byte* symbol, int symbolSize, int count, int index, byte* packed)
    {
        var fullBytes = symbolSize & ~63;
        if (fullBytes != 0)
        {
            Copy(packed + ((nint)index * fullBytes), symbol, fullBytes);
        }

        var half = (symbolSize & 63) >> 1;
        if (half != 0)
        {
            var tail = packed + ((nint)count * fullBytes);
            MoveTail(symbol + fullBytes, tail, index * half, half, toPacked: true);
        }
    }

    /// <summary>Copies symbol <paramref name="index"/> (of <paramref name="count"/>) out of the packed shard into <paramref name="symbol"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Unpack(byte* packed, int symbolSize, int count, int index, byte* symbol)
    {
        var fullBytes = symbolSize & ~63;
        if (fullBytes != 0)
        {
            Copy(symbol, packed + ((nint)index * fullBytes), fullBytes);
        }

        var half = (symbolSize & 63) >> 1;
        if (half != 0)
        {
            var tail = packed + ((nint)count * fullBytes);
            MoveTail(symbol + fullBytes, tail, index * half, half, toPacked: false);
        }
    }

    /// <summary>Moves the <paramref name="half"/> low and <paramref name="half"/> high tail bytes of one symbol to or from lanes first.. of region B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MoveTail(byte* symbolTail, byte* region, int first, int half, bool toPacked)
    {
        if (half == 1)
        {
            var block = region + (64 * (first >> 5)) + (first & 31);
            if (toPacked)
            {
                block[0] = symbolTail[0];
                block[32] = symbolTail[1];
            }
            else
            {
                symbolTail[0] = block[0];
                symbolTail[1] = block[32];
            }

            return;
        }

        var k = 0;
        while (k < half)
        {
            var lane = first + k;
            var run = Math.Min(half - k, 32 - (lane & 31));
            var block = region + (64 * (lane >> 5)) + (lane & 31);
            if (toPacked)
            {
                Copy(block, symbolTail + k, run);
                Copy(block + 32, symbolTail + half + k, run);
            }
            else
            {
                Copy(symbolTail + k, block, run);
                Copy(symbolTail + half + k, block + 32, run);
            }

            k += run;
        }
    }

    /// <summary>Copies <paramref name="count"/> bytes between non-overlapping buffers; short copies without a call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Copy(byte* destination, byte* source, int count)
    {
        if (count >= 64 && Vector512.IsHardwareAccelerated)
        {
            var last = count - 64;
            for (var i = 0; i < last; i += 64)
            {
                Vector512.Load(source + i).Store(destination + i);
            }

            Vector512.Load(source + last).Store(destination + last);
        }
        else if (count >= 32)
        {
            var last = count - 32;
            for (var i = 0; i < last; i += 32)
            {
                Vector256.Load(source + i).Store(destination + i);
            }

            Vector256.Load(source + last).Store(destination + last);
        }
        else if (count >= 16)
        {
            Vector128.Load(source).Store(destination);
            Vector128.Load(source + count - 16).Store(destination + count - 16);
        }
        else if (count >= 8)
        {
            Unsafe.WriteUnaligned(destination, Unsafe.ReadUnaligned<ulong>(source));
            Unsafe.WriteUnaligned(destination + count - 8, Unsafe.ReadUnaligned<ulong>(source + count - 8));
        }
        else if (count >= 4)
        {
            Unsafe.WriteUnaligned(destination, Unsafe.ReadUnaligned<uint>(source));
            Unsafe.WriteUnaligned(destination + count - 4, Unsafe.ReadUnaligned<uint>(source + count - 4));
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                destination[i] = source[i];
            }
        }
    }
}
