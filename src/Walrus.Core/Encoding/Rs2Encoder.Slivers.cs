using System.Runtime.CompilerServices;

namespace Walrus.Core.Encoding;

/// <summary>Recomputing bands of the non-systematic primary slivers for <see cref="EncodedBlob"/>.</summary>
public sealed partial class Rs2Encoder
{
    /// <summary>
    /// Writes rows n_p + <paramref name="first"/> .. n_p + first + count - 1 of the expanded matrix, columns 0..n_s-1
    /// (primary slivers), row-major to <paramref name="destination"/>: one primary encode of the message columns.
    /// </summary>
    internal unsafe void ComputeLowerRows(BlobMatrix matrix, int first, int count, byte* destination)
    {
        var keep = new int[count];
        for (var i = 0; i < count; i++)
        {
            keep[i] = first + i;
        }

        ComputeLowerRows(matrix, 0, matrix.Columns, keep, destination);
    }

    /// <summary>
    /// Writes rows n_p + keep[i] of the expanded matrix, columns <paramref name="columnStart"/>..<paramref name="columnEnd"/>-1
    /// (which <paramref name="matrix"/> must address), into row i of <paramref name="destination"/> (rows of n_s symbols,
    /// at their column offsets): one primary encode of those message columns.
    /// </summary>
    internal unsafe void ComputeLowerRows(BlobMatrix matrix, int columnStart, int columnEnd, int[] keep, byte* destination)
    {
        var n = Config.ShardCount;
        var rows = matrix.Rows;
        var columns = matrix.Columns;
        var missingRows = n - rows;
        var symbolSize = matrix.SymbolSize;
        var perColumn = 2L * n * symbolSize;
        var span = columnEnd - columnStart;
        var width = (int)Math.Clamp(_options.ScratchBytesPerWorker / perColumn, 1, Math.Max(span, 1));
        width = Math.Max(1, Math.Min(width, (span + (2 * Workers) - 1) / (2 * Workers)));
        var chunks = (span + width - 1) / width;
        var scratchBytes = checked((long)n * SymbolPacking.PackedSize(width, symbolSize));
        var encoder = Config.PrimaryEncoder;

        ForEachBand(chunks, () => new NativeBuffer(scratchBytes), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, scratch) =>
        {
            var c0 = columnStart + (chunk * width);
            var cnt = Math.Min(width, columnEnd - c0);
            var packed = SymbolPacking.PackedSize(cnt, symbolSize);
            var originals = scratch.Pointer;
            var recovery = originals + ((long)rows * packed);
            for (var r = 0; r < rows; r++)
            {
                var row = matrix.Row(r) + ((long)c0 * symbolSize);
                for (var c = 0; c < cnt; c++)
                {
                    SymbolPacking.Pack(row + ((long)c * symbolSize), symbolSize, cnt, c, originals + ((long)r * packed));
                }
            }

            encoder.Encode(
                new ReadOnlySpan<byte>(originals, checked(rows * packed)), packed,
                new Span<byte>(recovery, checked(missingRows * packed)), packed, packed);

            for (var i = 0; i < keep.Length; i++)
            {
                var target = destination + ((((long)i * columns) + c0) * symbolSize);
                for (var c = 0; c < cnt; c++)
                {
                    SymbolPacking.Unpack(recovery + ((long)keep[i] * packed), symbolSize, cnt, c, target + ((long)c * symbolSize));
                }
            }
        });
    }
}
