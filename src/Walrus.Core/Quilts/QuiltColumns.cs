using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Encoding;

namespace Walrus.Core.Quilts;

/// <summary>
/// What a quilt reader reads from: the whole quilt blob, or some of its secondary slivers (columns 0..n_s-1 of the
/// message matrix, each S * n_p bytes). Every read is checked against the columns held; nothing is trusted.
/// </summary>
public sealed class QuiltColumns
{
    private readonly ReadOnlyMemory<byte> _blob;
    private readonly Dictionary<int, ReadOnlyMemory<byte>>? _columns;

    private QuiltColumns(EncodingConfig config, int symbolSize, ReadOnlyMemory<byte> blob, Dictionary<int, ReadOnlyMemory<byte>>? columns)
    {
        Config = config;
        SymbolSize = symbolSize;
        _blob = blob;
        _columns = columns;
    }

    /// <summary>The shard count's geometry.</summary>
    public EncodingConfig Config { get; }

    /// <summary>The quilt's symbol size.</summary>
    public int SymbolSize { get; }

    /// <summary>Bytes per column: S * n_p.</summary>
    public int ColumnSize => SymbolSize * Config.PrimarySourceSymbols;

    /// <summary>Whether column <paramref name="column"/> is held.</summary>
    public bool HasColumn(int column) =>
        (uint)column < (uint)Config.SecondarySourceSymbols && (_columns is null || _columns.ContainsKey(column));

    /// <summary>A whole quilt blob: its length must be a non-zero multiple of n_p * n_s with an even symbol size of at most 65534.</summary>
    public static bool TryFromBlob(EncodingConfig config, ReadOnlyMemory<byte> blob, [NotNullWhen(true)] out QuiltColumns? columns, [NotNullWhen(false)] out QuiltError? error)
    {
        ArgumentNullException.ThrowIfNull(config);
        columns = null;
        var symbols = config.SourceSymbolsPerBlob;
        if (blob.Length == 0 || blob.Length % symbols != 0)
        {
            error = QuiltError.Corrupt($"a quilt blob is a whole matrix of {symbols} symbols; {blob.Length} bytes are not.");
            return false;
        }

        var symbolSize = blob.Length / symbols;
        if (symbolSize % EncodingConfig.SymbolAlignment != 0 || symbolSize > EncodingConfig.MaxSymbolSize)
        {
            error = QuiltError.Corrupt($"a quilt blob of {blob.Length} bytes would have symbols of {symbolSize} bytes, not an even size up to {EncodingConfig.MaxSymbolSize}.");
            return false;
        }

        columns = new QuiltColumns(config, symbolSize, blob, null);
        error = null;
        return true;
    }

    /// <summary>
    /// Some secondary slivers of the quilt (verified by the caller against the quilt's metadata): all of one symbol size,
    /// n_p symbols each, with indices below n_s (the systematic columns; recovery columns hold no quilt bytes).
    /// </summary>
    public static bool TryFromSlivers(EncodingConfig config, IEnumerable<SliverData> slivers, [NotNullWhen(true)] out QuiltColumns? columns, [NotNullWhen(false)] out QuiltError? error)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(slivers);
        columns = null;
        var map = new Dictionary<int, ReadOnlyMemory<byte>>();
        var symbolSize = 0;
        foreach (var sliver in slivers)
        {
            ArgumentNullException.ThrowIfNull(sliver);
            if (sliver.Type != SliverType.Secondary)
            {
                error = QuiltError.Invalid($"Quilt columns are secondary slivers; sliver {sliver.Index} is primary.");
                return false;
            }

            if (sliver.Index.Value >= config.SecondarySourceSymbols)
            {
                error = QuiltError.Invalid($"Secondary sliver {sliver.Index} is a recovery column; a quilt's columns are 0..{config.SecondarySourceSymbols - 1}.");
                return false;
            }

            if (sliver.SymbolCount != config.PrimarySourceSymbols || (symbolSize != 0 && sliver.SymbolSize != symbolSize)
                || sliver.SymbolSize % EncodingConfig.SymbolAlignment != 0)
            {
                error = QuiltError.Corrupt($"secondary sliver {sliver.Index} has {sliver.SymbolCount} symbols of {sliver.SymbolSize} bytes; expected {config.PrimarySourceSymbols} even-sized symbols like the others.");
                return false;
            }

            symbolSize = sliver.SymbolSize;
            map[sliver.Index.Value] = sliver.Symbols;
        }

        if (map.Count == 0)
        {
            error = QuiltError.Invalid("No secondary slivers were given.");
            return false;
        }

        columns = new QuiltColumns(config, symbolSize, default, map);
        error = null;
        return true;
    }

    /// <summary>The held columns' indices among <paramref name="first"/>..<paramref name="end"/>-1 that are missing, or null.</summary>
    internal QuiltError? CheckColumns(int first, int end)
    {
        List<SliverIndex>? missing = null;
        for (var column = first; column < end; column++)
        {
            if (!HasColumn(column))
            {
                (missing ??= []).Add(new SliverIndex((ushort)column));
            }
        }

        return missing is null
            ? null
            : new QuiltError(QuiltErrorKind.MissingColumns, $"The read needs secondary slivers (columns) {string.Join(", ", missing)}, which were not given.", missing);
    }

    /// <summary>Reads bytes in column order: column <paramref name="startColumn"/> top to bottom, then the next, after skipping <paramref name="skip"/>.</summary>
    internal bool TryRead(int startColumn, long skip, Span<byte> destination, [NotNullWhen(false)] out QuiltError? error)
    {
        if (destination.IsEmpty)
        {
            error = null;
            return true;
        }

        var first = startColumn + (skip / ColumnSize);
        var last = startColumn + ((skip + destination.Length - 1) / ColumnSize);
        if (last >= Config.SecondarySourceSymbols)
        {
            error = QuiltError.Corrupt($"a length reaches past the last column ({Config.SecondarySourceSymbols - 1}).");
            return false;
        }

        error = CheckColumns((int)first, (int)last + 1);
        if (error is not null)
        {
            return false;
        }

        var column = (int)first;
        var offset = (int)(skip % ColumnSize);
        var done = 0;
        while (done < destination.Length)
        {
            var n = Math.Min(ColumnSize - offset, destination.Length - done);
            CopyFromColumn(column, offset, destination.Slice(done, n));
            done += n;
            column++;
            offset = 0;
        }

        return true;
    }

    private void CopyFromColumn(int column, int offset, Span<byte> destination)
    {
        if (_columns is not null)
        {
            _columns[column].Span.Slice(offset, destination.Length).CopyTo(destination);
            return;
        }

        var blob = _blob.Span;
        var rowSize = SymbolSize * Config.SecondarySourceSymbols;
        var done = 0;
        while (done < destination.Length)
        {
            var row = offset / SymbolSize;
            var within = offset % SymbolSize;
            var n = Math.Min(SymbolSize - within, destination.Length - done);
            blob.Slice((row * rowSize) + (column * SymbolSize) + within, n).CopyTo(destination.Slice(done, n));
            done += n;
            offset += n;
        }
    }
}
