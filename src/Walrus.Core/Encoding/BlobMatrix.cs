using System.Runtime.CompilerServices;

namespace Walrus.Core.Encoding;

/// <summary>
/// Addresses the top n_p rows of a blob's expanded matrix without copying the blob: message rows come from the blob
/// (rows past its end from a zero-padded tail copy), and columns n_s..n-1 from the row-recovery buffer. A matrix can
/// also stand on a slab read from a file or stream (<see cref="OverSlab"/>): then only the slab's rows and columns of
/// the message may be addressed.
/// </summary>
internal readonly unsafe struct BlobMatrix
{
    private readonly byte* _blob;
    private readonly byte* _tail;
    private readonly byte* _recovery;
    private readonly int _fullRows;
    private readonly long _stride;

    public BlobMatrix(EncodingConfig config, int symbolSize, byte* blob, int fullRows, byte* tail, byte* recovery)
        : this(config, symbolSize, blob, (long)config.SecondarySourceSymbols * symbolSize, fullRows, tail, recovery)
    {
    }

    private BlobMatrix(EncodingConfig config, int symbolSize, byte* blob, long stride, int fullRows, byte* tail, byte* recovery)
    {
        Rows = config.PrimarySourceSymbols;
        Columns = config.SecondarySourceSymbols;
        RecoveryColumns = config.ShardCount - config.SecondarySourceSymbols;
        SymbolSize = symbolSize;
        RowBytes = (long)Columns * symbolSize;
        _blob = blob;
        _stride = stride;
        _fullRows = fullRows;
        _tail = tail;
        _recovery = recovery;
    }

    /// <summary>
    /// A matrix whose message symbols come from <paramref name="slab"/>: rows <paramref name="firstRow"/>.. and columns
    /// <paramref name="firstColumn"/>.. of the message, row-major with <paramref name="stride"/> bytes per row (rows past
    /// the blob zero-filled by whoever read the slab). Symbols outside the slab must not be addressed.
    /// </summary>
    public static BlobMatrix OverSlab(EncodingConfig config, int symbolSize, byte* slab, int firstRow, int firstColumn, long stride, byte* recovery) =>
        new(config, symbolSize, slab - (firstRow * stride) - ((long)firstColumn * symbolSize), stride, config.PrimarySourceSymbols, null, recovery);

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
    public byte* Row(int row) => row < _fullRows ? _blob + (row * _stride) : _tail + ((row - _fullRows) * RowBytes);

    /// <summary>The recovery symbols of row <paramref name="row"/> (n - n_s symbols, contiguous).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* RecoveryRow(int row) => _recovery + ((long)row * RecoveryColumns * SymbolSize);

    /// <summary>Symbol (row, column) of the expanded matrix, for row &lt; n_p and any column &lt; n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Symbol(int row, int column) =>
        column < Columns ? Row(row) + ((long)column * SymbolSize) : RecoveryRow(row) + ((long)(column - Columns) * SymbolSize);
}
