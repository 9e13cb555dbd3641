using System.Buffers;

namespace Walrus.Core.Encoding;

/// <summary>
/// A blob encoded with RS2: its metadata and blob id, and its 2n slivers on request. Thread-safe; dispose it to free
/// its buffers and unpin the blob.
/// </summary>
/// <remarks>
/// Reads and <see cref="Dispose"/> may race: a read holds a reference to the buffers, the last reference frees them,
/// and a read that starts after <see cref="Dispose"/> throws <see cref="ObjectDisposedException"/>.
/// Slivers are produced from what the encoder kept: the blob itself (primary slivers 0..n_p-1 are its rows, secondary
/// slivers 0..n_s-1 its columns), the rows' recovery symbols (secondary slivers n_s..n-1, about half the blob), and the
/// primary slivers n_p..n-1 (about twice the blob), which are either all held or held one band at a time and
/// recomputed on request (<see cref="EncodedBlobOptions.MaxPrimaryBandBytes"/>). Requesting pairs in index order, as
/// <see cref="SliverPairs"/> does, computes each band once.
/// </remarks>
public sealed unsafe class EncodedBlob : IDisposable
{
    private readonly Rs2Encoder _encoder;
    private readonly EncodingWork _work;
    private readonly int _bandRows;
    private readonly Lock _bandLock = new();
    private MemoryHandle _pin;
    private NativeBuffer? _band;
    private int _bandFirst = -1;

    private Lifetime _lifetime = new();

    private EncodedBlob(Rs2Encoder encoder, MemoryHandle pin, EncodingWork work, long length, int bandRows)
    {
        _encoder = encoder;
        _pin = pin;
        _work = work;
        _bandRows = bandRows;
        UnencodedLength = length;
        Metadata = null!;
    }

    /// <summary>The metadata with the blob id.</summary>
    public BlobMetadataWithId Metadata { get; private set; }

    /// <summary>The blob id.</summary>
    public BlobId BlobId => Metadata.BlobId;

    /// <summary>The shard count and code parameters.</summary>
    public EncodingConfig Config => _encoder.Config;

    /// <summary>The symbol size.</summary>
    public int SymbolSize => _work.SymbolSize;

    /// <summary>The blob length.</summary>
    public long UnencodedLength { get; }

    /// <summary>The byte length of a primary sliver (n_s symbols).</summary>
    public int PrimarySliverLength => Config.SecondarySourceSymbols * SymbolSize;

    /// <summary>The byte length of a secondary sliver (n_p symbols).</summary>
    public int SecondarySliverLength => Config.PrimarySourceSymbols * SymbolSize;

    internal static EncodedBlob Create(Rs2Encoder encoder, ReadOnlyMemory<byte> blob, EncodedBlobOptions options)
    {
        encoder.Config.GetSymbolSize(blob.Length);
        var pin = blob.Pin();
        return Create(encoder, (byte*)pin.Pointer, blob.Length, pin, options);
    }

    /// <summary>Encodes <paramref name="length"/> bytes at <paramref name="blob"/>; <paramref name="pin"/> is released on dispose.</summary>
    internal static EncodedBlob Create(Rs2Encoder encoder, byte* blob, long length, MemoryHandle pin, EncodedBlobOptions options)
    {
        var config = encoder.Config;
        var symbolSize = config.GetSymbolSize(length);
        EncodingWork? work = null;
        EncodedBlob? result = null;
        try
        {
            work = new EncodingWork(config, symbolSize, blob, length);
            var missingRows = config.ShardCount - config.PrimarySourceSymbols;
            var rowBytes = (long)config.SecondarySourceSymbols * symbolSize;
            var budget = options.MaxPrimaryBandBytes ?? Math.Max(length / 2L, 16L << 20);
            var bandRows = (int)Math.Clamp(budget / rowBytes, 1, missingRows);
            result = new EncodedBlob(encoder, pin, work, length, bandRows);

            encoder.EncodeRows(work.Matrix);

            // The first band (all of them when they fit) is kept while hashing; later ones are recomputed on request.
            result._band = new NativeBuffer(bandRows * rowBytes);
            var hashes = encoder.HashExpandedMatrix(work.Matrix, result._band.Pointer, bandRows);
            result._bandFirst = 0;

            result.Metadata = BlobMetadataWithId.FromMetadata(new BlobMetadata(EncodingType.RS2, (ulong)length, hashes));
            return result;
        }
        catch
        {
            if (result is not null)
            {
                result.Dispose();
            }
            else
            {
                work?.Dispose();
                pin.Dispose();
            }

            throw;
        }
    }

    /// <summary>Writes primary sliver <paramref name="index"/> (row <paramref name="index"/>, n_s symbols) to <paramref name="destination"/>.</summary>
    /// <exception cref="ObjectDisposedException">The blob was disposed.</exception>
    public void WritePrimarySliver(SliverIndex index, Span<byte> destination)
    {
        SliverIndex.CheckRange(index.Value, Config.ShardCount);
        var length = PrimarySliverLength;
        CheckDestination(destination, length);
        _lifetime.Enter(this);
        try
        {
            var rows = Config.PrimarySourceSymbols;
            if (index.Value < rows)
            {
                new ReadOnlySpan<byte>(_work.Matrix.Row(index.Value), length).CopyTo(destination);
                return;
            }

            var lower = index.Value - rows;
            lock (_bandLock)
            {
                if (_bandFirst < 0 || lower < _bandFirst || lower >= _bandFirst + _bandRows)
                {
                    var missingRows = Config.ShardCount - rows;
                    var first = lower / _bandRows * _bandRows;
                    var count = Math.Min(_bandRows, missingRows - first);
                    _encoder.ComputeLowerRows(_work.Matrix, first, count, _band!.Pointer);
                    _bandFirst = first;
                }

                new ReadOnlySpan<byte>(_band!.Pointer + ((long)(lower - _bandFirst) * length), length).CopyTo(destination);
            }
        }
        finally
        {
            _lifetime.Exit(Free);
        }
    }

    /// <summary>Writes secondary sliver <paramref name="index"/> (column <paramref name="index"/>, n_p symbols) to <paramref name="destination"/>.</summary>
    /// <exception cref="ObjectDisposedException">The blob was disposed.</exception>
    public void WriteSecondarySliver(SliverIndex index, Span<byte> destination)
    {
        SliverIndex.CheckRange(index.Value, Config.ShardCount);
        var symbolSize = SymbolSize;
        CheckDestination(destination, SecondarySliverLength);
        _lifetime.Enter(this);
        try
        {
            var matrix = _work.Matrix;
            for (var r = 0; r < Config.PrimarySourceSymbols; r++)
            {
                new ReadOnlySpan<byte>(matrix.Symbol(r, index.Value), symbolSize).CopyTo(destination.Slice(r * symbolSize, symbolSize));
            }
        }
        finally
        {
            _lifetime.Exit(Free);
        }
    }

    /// <summary>Primary sliver <paramref name="index"/>, in a new array.</summary>
    public SliverData GetPrimarySliver(SliverIndex index)
    {
        var data = GC.AllocateUninitializedArray<byte>(PrimarySliverLength);
        WritePrimarySliver(index, data);
        return new SliverData(SliverType.Primary, index, SymbolSize, data);
    }

    /// <summary>Secondary sliver <paramref name="index"/>, in a new array.</summary>
    public SliverData GetSecondarySliver(SliverIndex index)
    {
        var data = GC.AllocateUninitializedArray<byte>(SecondarySliverLength);
        WriteSecondarySliver(index, data);
        return new SliverData(SliverType.Secondary, index, SymbolSize, data);
    }

    /// <summary>Sliver pair <paramref name="pair"/>: primary sliver p and secondary sliver n-1-p.</summary>
    public SliverPair GetSliverPair(SliverPairIndex pair) =>
        new(GetPrimarySliver(pair.PrimarySliverIndex), GetSecondarySliver(pair.SecondarySliverIndex(Config.ShardCount)));

    /// <summary>Every sliver pair in index order (each band of recomputed slivers is computed once).</summary>
    public IEnumerable<SliverPair> SliverPairs()
    {
        for (var p = 0; p < Config.ShardCount; p++)
        {
            yield return GetSliverPair(new SliverPairIndex((ushort)p));
        }
    }

    /// <summary>Frees the buffers and unpins the blob once reads in progress have ended; later reads throw.</summary>
    public void Dispose() => _lifetime.Close(Free);

    private void Free()
    {
        _band?.Dispose();
        _work.Dispose();
        _pin.Dispose();
    }

    private static void CheckDestination(Span<byte> destination, int length)
    {
        if (destination.Length < length)
        {
            ThrowHelper.Argument(nameof(destination), $"The destination holds {destination.Length} bytes; the sliver has {length}.");
        }
    }
}
