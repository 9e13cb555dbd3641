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
        var n = Config.ShardCount;
        var rows = matrix.Rows;
        var columns = matrix.Columns;
        var missingRows = n - rows;
        var symbolSize = matrix.SymbolSize;
        var perColumn = 2L * n * symbolSize;
        var width = (int)Math.Clamp(_options.ScratchBytesPerWorker / perColumn, 1, columns);
        width = Math.Max(1, Math.Min(width, (columns + (2 * Workers) - 1) / (2 * Workers)));
        var chunks = (columns + width - 1) / width;
        var scratchBytes = checked((long)n * SymbolPacking.PackedSize(width, symbolSize));
        var encoder = Config.PrimaryEncoder;

        ForEachBand(chunks, () => new NativeBuffer(scratchBytes), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, scratch) =>
        {
            var c0 = chunk * width;
            var cnt = Math.Min(width, columns - c0);
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

            for (var i = 0; i < count; i++)
            {
                var target = destination + ((((long)i * columns) + c0) * symbolSize);
                for (var c = 0; c < cnt; c++)
                {
                    SymbolPacking.Unpack(recovery + ((long)(first + i) * packed), symbolSize, cnt, c, target + ((long)c * symbolSize));
                }
            }
        });
    }
}
