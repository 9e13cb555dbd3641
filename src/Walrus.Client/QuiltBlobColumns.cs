using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Client;

/// <summary>
/// The fallback column source of a quilt read: the whole quilt blob, read once (streamed, every sliver verified) into a
/// temporary file that is deleted on dispose; columns are cut out of its rows on demand. Memory holds the columns asked
/// for, never the quilt.
/// </summary>
internal sealed class QuiltBlobColumns : IQuiltColumnSource, IDisposable
{
    private readonly EncodingConfig _config;
    private readonly FileStream _file;
    private readonly int _symbolSize;
    private readonly Dictionary<int, SliverData> _columns = [];

    private QuiltBlobColumns(EncodingConfig config, FileStream file, int symbolSize)
    {
        _config = config;
        _file = file;
        _symbolSize = symbolSize;
    }

    /// <summary>The whole blob's read (liars, unreachable nodes, requests).</summary>
    public ReadResult Read { get; private set; } = null!;

    /// <summary>Reads the whole quilt blob <paramref name="quiltId"/> into a temporary file.</summary>
    /// <exception cref="WalrusClientException">The blob cannot be read, or its length is not a quilt's.</exception>
    public static async Task<QuiltBlobColumns> ReadAsync(WalrusClient client, BlobId quiltId, EncodingConfig config, CancellationToken cancellationToken)
    {
        var file = ScratchFile.Create("walrus-quilt-read");
        try
        {
            var read = await client.ReadAsync(quiltId, file, null, cancellationToken);
            await file.FlushAsync(cancellationToken);
            var length = file.Length;
            var symbols = config.SourceSymbolsPerBlob;
            if (length == 0 || length % symbols != 0 || length / symbols > EncodingConfig.MaxSymbolSize || length / symbols % EncodingConfig.SymbolAlignment != 0)
            {
                throw new WalrusClientException($"blob {quiltId} is not a quilt: {length} bytes are not a whole matrix of {symbols} even-sized symbols.");
            }

            return new QuiltBlobColumns(config, file, (int)(length / symbols)) { Read = read };
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Cuts the columns not held yet out of the file, in one pass over its rows (adjacent columns in one read).</summary>
    public async Task<IReadOnlyList<SliverIndex>> EnsureAsync(IEnumerable<SliverIndex> columns, CancellationToken cancellationToken)
    {
        var wanted = columns.Select(c => (int)c.Value).Where(c => c < _config.SecondarySourceSymbols && !_columns.ContainsKey(c)).Distinct().Order().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var rows = _config.PrimarySourceSymbols;
        var rowSize = (long)_symbolSize * _config.SecondarySourceSymbols;
        var runs = Runs(wanted);
        var targets = wanted.ToDictionary(c => c, _ => new byte[rows * _symbolSize]);
        var longest = runs.Max(r => r.Count);
        var buffer = ArrayPool<byte>.Shared.Rent(longest * _symbolSize);
        try
        {
            var handle = _file.SafeFileHandle;
            for (var row = 0; row < rows; row++)
            {
                foreach (var (first, count) in runs)
                {
                    var span = buffer.AsMemory(0, count * _symbolSize);
                    await ReadExactlyAsync(handle, span, (row * rowSize) + ((long)first * _symbolSize), cancellationToken);
                    for (var i = 0; i < count; i++)
                    {
                        span.Span.Slice(i * _symbolSize, _symbolSize).CopyTo(targets[first + i].AsSpan(row * _symbolSize));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        foreach (var (column, bytes) in targets)
        {
            _columns[column] = new SliverData(SliverType.Secondary, new SliverIndex((ushort)column), _symbolSize, bytes);
        }

        return [];
    }

    /// <inheritdoc/>
    public bool TryGetColumns(out QuiltColumns? columns, out QuiltError? error)
    {
        if (_columns.Count == 0)
        {
            columns = null;
            error = null;
            return false;
        }

        return QuiltColumns.TryFromSlivers(_config, _columns.Values, out columns, out error);
    }

    /// <inheritdoc/>
    public void Release() => _columns.Clear();

    public void Dispose() => _file.Dispose();

    private static List<(int First, int Count)> Runs(List<int> sorted)
    {
        var runs = new List<(int First, int Count)>();
        foreach (var column in sorted)
        {
            if (runs.Count > 0 && runs[^1].First + runs[^1].Count == column)
            {
                runs[^1] = (runs[^1].First, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((column, 1));
            }
        }

        return runs;
    }

    private static async Task ReadExactlyAsync(SafeFileHandle handle, Memory<byte> destination, long offset, CancellationToken cancellationToken)
    {
        while (!destination.IsEmpty)
        {
            var n = await RandomAccess.ReadAsync(handle, destination, offset, cancellationToken);
            if (n == 0)
            {
                throw new EndOfStreamException("The quilt's temporary file ended early.");
            }

            destination = destination[n..];
            offset += n;
        }
    }
}
