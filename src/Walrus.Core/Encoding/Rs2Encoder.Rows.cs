using System.Runtime.CompilerServices;

namespace Walrus.Core.Encoding;

/// <summary>Stage 1: the secondary encoding of the message rows (their n - n_s recovery symbols).</summary>
public sealed partial class Rs2Encoder
{
    /// <summary>Fills the row-recovery buffer of <paramref name="matrix"/>: bands of rows, one Reed-Solomon call per band.</summary>
    internal void EncodeRows(BlobMatrix matrix) => EncodeRows(matrix, 0, matrix.Rows);

    /// <summary>Fills the row-recovery symbols of rows <paramref name="firstRow"/>..+<paramref name="rowCount"/>, which <paramref name="matrix"/> must address.</summary>
    internal unsafe void EncodeRows(BlobMatrix matrix, int firstRow, int rowCount)
    {
        var symbolSize = matrix.SymbolSize;
        var columns = matrix.Columns;
        var recoveryColumns = matrix.RecoveryColumns;
        var bandRows = RowBandSize(symbolSize, Workers);
        var bands = (rowCount + bandRows - 1) / bandRows;
        var scratchBytes = checked((long)(columns + recoveryColumns) * SymbolPacking.PackedSize(bandRows, symbolSize));
        var encoder = Config.SecondaryEncoder;

        ForEachBand(bands, () => new NativeBuffer(scratchBytes), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (band, scratch) =>
        {
            var first = firstRow + (band * bandRows);
            var count = Math.Min(bandRows, firstRow + rowCount - first);
            var packed = SymbolPacking.PackedSize(count, symbolSize);
            var originals = scratch.Pointer;
            var recovery = originals + ((long)columns * packed);

            for (var r = 0; r < count; r++)
            {
                var row = matrix.Row(first + r);
                for (var c = 0; c < columns; c++)
                {
                    SymbolPacking.Pack(row + ((long)c * symbolSize), symbolSize, count, r, originals + ((long)c * packed));
                }
            }

            encoder.Encode(
                new ReadOnlySpan<byte>(originals, checked(columns * packed)), packed,
                new Span<byte>(recovery, checked(recoveryColumns * packed)), packed, packed);

            for (var r = 0; r < count; r++)
            {
                var row = matrix.RecoveryRow(first + r);
                for (var j = 0; j < recoveryColumns; j++)
                {
                    SymbolPacking.Unpack(recovery + ((long)j * packed), symbolSize, count, r, row + ((long)j * symbolSize));
                }
            }
        });
    }
}
