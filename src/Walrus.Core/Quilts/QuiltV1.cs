using System.Buffers;
using Walrus.Core.Encoding;

namespace Walrus.Core.Quilts;

/// <summary>
/// A laid-out QuiltV1 (from <see cref="QuiltBuilder"/>): its symbol size, index and the bytes of the quilt blob, an
/// n_p x n_s matrix of symbols stored row-major that the blob encoder takes as is. The bytes are produced on demand,
/// into a caller's buffer, an <see cref="IBufferWriter{T}"/> or a stream, in bands of rows (bounded memory).
/// </summary>
public sealed class QuiltV1
{
    private const int BandBytes = 4 << 20;

    private readonly Part[] _parts;

    internal QuiltV1(EncodingConfig config, int symbolSize, QuiltIndexV1 index, Part[] parts)
    {
        Config = config;
        SymbolSize = symbolSize;
        Index = index;
        _parts = parts;
    }

    /// <summary>The shard count's geometry.</summary>
    public EncodingConfig Config { get; }

    /// <summary>The symbol size S (even, at most 65534).</summary>
    public int SymbolSize { get; }

    /// <summary>Bytes of a column (a secondary sliver): S * n_p.</summary>
    public int ColumnSize => SymbolSize * Config.PrimarySourceSymbols;

    /// <summary>Bytes of a row: S * n_s.</summary>
    public int RowSize => SymbolSize * Config.SecondarySourceSymbols;

    /// <summary>The length of the quilt blob: S * n_p * n_s (the blob's unencoded length).</summary>
    public long Length => (long)RowSize * Config.PrimarySourceSymbols;

    /// <summary>The quilt's encoded length, what storage is paid for: n * ((n_p + n_s) * S + n * 64 + 32).</summary>
    public long EncodedLength => Config.GetEncodedLength(Length);

    /// <summary>The index: every patch's identifier, tags and columns.</summary>
    public QuiltIndexV1 Index { get; }

    /// <summary>Every patch's id once the quilt is stored as <paramref name="quiltId"/>, in index order.</summary>
    public QuiltPatchId[] PatchIds(BlobId quiltId)
    {
        var ids = new QuiltPatchId[Index.Patches.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Index.Patches[i].PatchId(quiltId);
        }

        return ids;
    }

    /// <summary>Writes the quilt blob into <paramref name="destination"/> (at least <see cref="Length"/> bytes).</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            ThrowHelper.Argument(nameof(destination), $"The quilt needs {Length} bytes; the destination has {destination.Length}.");
        }

        var scratch = ArrayPool<byte>.Shared.Rent(ColumnSize);
        try
        {
            FillBand(0, Config.PrimarySourceSymbols, destination[..(int)Length], scratch);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Writes the quilt blob to <paramref name="destination"/>, a band of rows at a time.</summary>
    public void WriteTo(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var rows = BandRows();
        var scratch = ArrayPool<byte>.Shared.Rent(rows * SymbolSize);
        try
        {
            for (var row = 0; row < Config.PrimarySourceSymbols; row += rows)
            {
                var count = Math.Min(rows, Config.PrimarySourceSymbols - row);
                var bytes = count * RowSize;
                FillBand(row, count, destination.GetSpan(bytes)[..bytes], scratch);
                destination.Advance(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Writes the quilt blob to <paramref name="destination"/>, a band of rows at a time (stream patches are read asynchronously).</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var rows = BandRows();
        var band = ArrayPool<byte>.Shared.Rent(rows * RowSize);
        var scratch = ArrayPool<byte>.Shared.Rent(rows * SymbolSize);
        try
        {
            for (var row = 0; row < Config.PrimarySourceSymbols; row += rows)
            {
                var count = Math.Min(rows, Config.PrimarySourceSymbols - row);
                var bytes = count * RowSize;
                await FillBandAsync(row, count, band.AsMemory(0, bytes), scratch, cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(band.AsMemory(0, bytes), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            ArrayPool<byte>.Shared.Return(band);
        }
    }

    /// <summary>The quilt blob in a new array.</summary>
    /// <exception cref="InvalidOperationException">The quilt is larger than an array can be.</exception>
    public byte[] ToArray()
    {
        if (Length > Array.MaxLength)
        {
            ThrowHelper.InvalidOperation($"The quilt is {Length} bytes, more than an array holds; write it to a stream instead.");
        }

        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    private int BandRows() => Math.Clamp(BandBytes / RowSize, 1, Config.PrimarySourceSymbols);

    /// <summary>Fills rows [firstRow, firstRow + rowCount) of the matrix, row-major, column by column of each part.</summary>
    private void FillBand(int firstRow, int rowCount, Span<byte> band, byte[] scratch)
    {
        band.Clear();
        var chunk = rowCount * SymbolSize;
        foreach (var part in _parts)
        {
            for (var column = part.StartColumn; column < part.EndColumn; column++)
            {
                var offset = ((long)(column - part.StartColumn) * ColumnSize) + ((long)firstRow * SymbolSize);
                var read = part.Read(offset, scratch.AsSpan(0, chunk));
                Scatter(scratch.AsSpan(0, read), band, column);
            }
        }
    }

    private async ValueTask FillBandAsync(int firstRow, int rowCount, Memory<byte> band, byte[] scratch, CancellationToken cancellationToken)
    {
        band.Span.Clear();
        var chunk = rowCount * SymbolSize;
        foreach (var part in _parts)
        {
            for (var column = part.StartColumn; column < part.EndColumn; column++)
            {
                var offset = ((long)(column - part.StartColumn) * ColumnSize) + ((long)firstRow * SymbolSize);
                var read = await part.ReadAsync(offset, scratch.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false);
                Scatter(scratch.AsSpan(0, read), band.Span, column);
            }
        }
    }

    /// <summary>Copies consecutive symbols of one column into their rows of the band.</summary>
    private void Scatter(ReadOnlySpan<byte> columnBytes, Span<byte> band, int column)
    {
        var target = column * SymbolSize;
        for (var at = 0; at < columnBytes.Length; at += SymbolSize, target += RowSize)
        {
            var n = Math.Min(SymbolSize, columnBytes.Length - at);
            columnBytes.Slice(at, n).CopyTo(band.Slice(target, n));
        }
    }

    /// <summary>A blob in the quilt: its in-memory prefix (all of the index; a patch's header, identifier and tags), then its data.</summary>
    internal sealed record Part(byte[] Prefix, QuiltPatchSource? Data, int StartColumn, int EndColumn)
    {
        private long Total => Prefix.Length + (Data?.Length ?? 0);

        /// <summary>Reads up to destination.Length bytes at <paramref name="offset"/>; returns how many exist.</summary>
        public int Read(long offset, Span<byte> destination)
        {
            var n = Available(offset, destination.Length);
            if (n == 0)
            {
                return 0;
            }

            var fromPrefix = CopyPrefix(offset, destination[..n]);
            if (fromPrefix < n)
            {
                Data!.Read(offset + fromPrefix - Prefix.Length, destination[fromPrefix..n]);
            }

            return n;
        }

        public async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
        {
            var n = Available(offset, destination.Length);
            if (n == 0)
            {
                return 0;
            }

            var fromPrefix = CopyPrefix(offset, destination.Span[..n]);
            if (fromPrefix < n)
            {
                await Data!.ReadAsync(offset + fromPrefix - Prefix.Length, destination[fromPrefix..n], cancellationToken).ConfigureAwait(false);
            }

            return n;
        }

        private int Available(long offset, int wanted) => offset >= Total ? 0 : (int)Math.Min(wanted, Total - offset);

        private int CopyPrefix(long offset, Span<byte> destination)
        {
            if (offset >= Prefix.Length)
            {
                return 0;
            }

            var n = (int)Math.Min(destination.Length, Prefix.Length - offset);
            Prefix.AsSpan((int)offset, n).CopyTo(destination);
            return n;
        }
    }
}
