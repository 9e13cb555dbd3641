using System.Runtime.CompilerServices;

namespace Walrus.Core.Encoding;

/// <summary>
/// Addresses the top n_p rows of a blob's expanded matrix without copying the blob: message rows come from the blob
/// (rows past its end from a zero-padded tail copy), and columns n_s..n-1 from the row-recovery buffer.
/// </summary>
internal readonly unsafe struct BlobMatrix
{
    private readonly byte* _blob;
    private readonly byte* _tail;
    private readonly byte* _recovery;
    private readonly int _fullRows;

    public BlobMatrix(EncodingConfig config, int symbolSize, byte* blob, int fullRows, byte* tail, byte* recovery)
    {
        Rows = config.PrimarySourceSymbols;
        Columns = config.SecondarySourceSymbols;
        RecoveryColumns = config.ShardCount - config.SecondarySourceSymbols;
        SymbolSize = symbolSize;
        RowBytes = (long)Columns * symbolSize;
        _blob = blob;
        _fullRows = fullRows;
        _tail = tail;
        _recovery = recovery;
    }

    /// <summary>n_p.</summary>
    public int Rows { get; }

    /// <summary>n_s.</summary>
    public int Columns { get; }

    /// <summary>n - n_s: the recovery symbols of a row.</summary>
    public int RecoveryColumns { get; }

    public int SymbolSize { get; }

    /// <summary>Bytes of a message row: n_s * S.</summary>
    public long RowBytes { get; }

    /// <summary>Message row <paramref name="row"/> (n_s symbols, contiguous).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Row(int row) => row < _fullRows ? _blob + (row * RowBytes) : _tail + ((row - _fullRows) * RowBytes);

    /// <summary>The recovery symbols of row <paramref name="row"/> (n - n_s symbols, contiguous).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* RecoveryRow(int row) => _recovery + ((long)row * RecoveryColumns * SymbolSize);

    /// <summary>Symbol (row, column) of the expanded matrix, for row &lt; n_p and any column &lt; n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Symbol(int row, int column) =>
        column < Columns ? Row(row) + ((long)column * SymbolSize) : RecoveryRow(row) + ((long)(column - Columns) * SymbolSize);
}
