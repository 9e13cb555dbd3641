namespace Walrus.Core.Encoding;

/// <summary>
/// A blob encoded with RS2 from a file or stream without holding it or its slivers: the metadata is known on creation;
/// the sliver pairs are produced on request, band by band, and lent to a callback that writes them out (for example,
/// BCS into each node's upload queue). Thread-safe: concurrent productions each use their own buffers (a band each, so
/// run one at a time where memory counts); dispose it to
/// free the buffers and close the file (reads in progress finish first; later ones throw <see cref="ObjectDisposedException"/>).
/// </summary>
/// <remarks>
/// <para>
/// Held for the object's life: the rows' recovery symbols (n_p x (n - n_s) symbols, about half the blob), which are
/// secondary slivers n_s..n-1 and part of every non-systematic column. Everything else is read again from the source:
/// primary slivers 0..n_p-1 are rows of the blob, secondary slivers 0..n_s-1 its columns, and primary slivers
/// n_p..n-1 (about twice the blob) are computed a band at a time by one primary encode of all message columns, read a
/// slab of columns at a time (<see cref="EncodedBlobOptions.MaxPrimaryBandBytes"/>,
/// <see cref="EncodedBlobOptions.ReadBufferBytes"/>).
/// </para>
/// <para>
/// Peak memory of a production: half the blob + one band + the read buffer + a few MiB per core; with the defaults
/// (bands of half the blob) about 1.1x the blob, and the blob itself is never mapped or held.
/// </para>
/// </remarks>
public sealed unsafe class StreamingEncodedBlob : IDisposable
{
    private readonly Rs2Encoder _encoder;
    private readonly BlobSource _source;
    private readonly NativeBuffer _recovery;
    private readonly EncodedBlobOptions _options;
    private readonly bool _ownsSource;

    // The first band of non-systematic primary slivers, kept from the metadata pass for the first production that wants it.
    private NativeBuffer? _firstBand;
    private int _firstBandRows;

    private Lifetime _lifetime = new();

    private StreamingEncodedBlob(Rs2Encoder encoder, BlobSource source, NativeBuffer recovery, EncodedBlobOptions options, int symbolSize, bool ownsSource)
    {
        _ownsSource = ownsSource;
        _encoder = encoder;
        _source = source;
        _recovery = recovery;
        _options = options;
        SymbolSize = symbolSize;
        Metadata = null!;
    }

    /// <summary>The metadata with the blob id.</summary>
    public BlobMetadataWithId Metadata { get; private set; }

    /// <summary>The blob id.</summary>
    public BlobId BlobId => Metadata.BlobId;

    /// <summary>The shard count and code parameters.</summary>
    public EncodingConfig Config => _encoder.Config;

    /// <summary>The symbol size.</summary>
    public int SymbolSize { get; }

    /// <summary>The blob length.</summary>
    public long UnencodedLength => _source.Length;

    /// <summary>The byte length of a primary sliver (n_s symbols).</summary>
    public int PrimarySliverLength => Config.SecondarySourceSymbols * SymbolSize;

    /// <summary>The byte length of a secondary sliver (n_p symbols).</summary>
    public int SecondarySliverLength => Config.PrimarySourceSymbols * SymbolSize;

    /// <summary>How many non-systematic primary slivers one band holds (one primary encode of the blob's columns per band).</summary>
    public int BandRows
    {
        get
        {
            var missing = Config.ShardCount - Config.PrimarySourceSymbols;
            var budget = _options.MaxPrimaryBandBytes ?? Math.Max(UnencodedLength / 2L, 16L << 20);
            return (int)Math.Clamp(budget / PrimarySliverLength, 1, missing);
        }
    }

    /// <summary>
    /// Encodes <paramref name="source"/>, which the result disposes when <paramref name="ownsSource"/> (also when this
    /// throws). With <paramref name="keepFirstBand"/> the metadata pass keeps the first band of non-systematic primary
    /// slivers for the first production (one column pass fewer, no more memory at the peak).
    /// </summary>
    internal static StreamingEncodedBlob Create(Rs2Encoder encoder, BlobSource source, EncodedBlobOptions options, bool ownsSource = true, bool keepFirstBand = true)
    {
        NativeBuffer? recovery = null;
        StreamingEncodedBlob? result = null;
        try
        {
            var config = encoder.Config;
            if (options.ReadBufferBytes < 1)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(options), "The read buffer must be at least one byte.");
            }

            var symbolSize = config.GetSymbolSize(source.Length);
            recovery = new NativeBuffer((long)config.PrimarySourceSymbols * (config.ShardCount - config.SecondarySourceSymbols) * symbolSize);
            result = new StreamingEncodedBlob(encoder, source, recovery, options, symbolSize, ownsSource);
            if (keepFirstBand)
            {
                result._firstBandRows = result.BandRows;
                result._firstBand = new NativeBuffer(result._firstBandRows * (long)result.PrimarySliverLength);
            }

            var bottom = result._firstBand is null ? null : result._firstBand.Pointer;
            var hashes = encoder.HashStreaming(source, symbolSize, recovery.Pointer, options.ReadBufferBytes, bottom, result._firstBandRows);
            result.Metadata = BlobMetadataWithId.FromMetadata(new BlobMetadata(EncodingType.RS2, (ulong)source.Length, hashes));
            return result;
        }
        catch
        {
            recovery?.Dispose();
            result?._firstBand?.Dispose();
            if (ownsSource)
            {
                source.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Lends every sliver pair to <paramref name="action"/>, on the calling thread, one at a time: the systematic pairs
    /// (0..n_p-1) first, then a band of the others at a time, each band computed once. The callback may block (for
    /// example on a full upload queue): production waits for it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The blob was disposed.</exception>
    public void ForEachSliverPair(SliverPairAction action)
    {
        var all = new SliverPairIndex[Config.ShardCount];
        for (var p = 0; p < all.Length; p++)
        {
            all[p] = new SliverPairIndex((ushort)p);
        }

        ForEachSliverPair(all, action);
    }

    /// <summary>
    /// Lends the sliver pairs <paramref name="pairs"/> (e.g. one node's shards, or a batch of nodes') to
    /// <paramref name="action"/>, each once, in index order within the systematic pairs and within each band: the
    /// non-systematic ones cost one primary encode of the blob's columns per band of <see cref="BandRows"/> of them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A pair index is not below the shard count.</exception>
    /// <exception cref="ObjectDisposedException">The blob was disposed.</exception>
    public void ForEachSliverPair(ReadOnlySpan<SliverPairIndex> pairs, SliverPairAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var n = Config.ShardCount;
        var rows = Config.PrimarySourceSymbols;
        var wanted = new bool[n];
        foreach (var pair in pairs)
        {
            SliverIndex.CheckRange(pair.Value, n);
            wanted[pair.Value] = true;
        }

        _lifetime.Enter(this);
        try
        {
            using var production = new Production(this);
            for (var p = 0; p < rows; p++)
            {
                if (wanted[p])
                {
                    production.LendSystematic(p, action);
                }
            }

            var bandRows = BandRows;
            var keep = new List<int>(bandRows);
            for (var p = rows; p <= n; p++)
            {
                if (keep.Count == bandRows || (p == n && keep.Count > 0))
                {
                    production.LendBand(keep.ToArray(), action);
                    keep.Clear();
                }

                if (p < n && wanted[p])
                {
                    keep.Add(p - rows);
                }
            }
        }
        finally
        {
            _lifetime.Exit(Free);
        }
    }

    /// <summary>Frees the buffers and closes the source once productions in progress have ended; later ones throw.</summary>
    public void Dispose() => _lifetime.Close(Free);

    private void Free()
    {
        Interlocked.Exchange(ref _firstBand, null)?.Dispose();
        _recovery.Dispose();
        if (_ownsSource)
        {
            _source.Dispose();
        }
    }

    /// <summary>The buffers of one production: one pair, one band, one slab of message columns.</summary>
    private sealed class Production : IDisposable
    {
        private readonly StreamingEncodedBlob _owner;
        private readonly NativeBuffer _primary;
        private readonly NativeBuffer _secondary;
        private readonly NativeBuffer _slab;
        private readonly int _slabColumns;
        private NativeBuffer? _band;
        private int _slabFirst = -1;
        private int _slabCount;

        public Production(StreamingEncodedBlob owner)
        {
            _owner = owner;
            var config = owner.Config;
            var columnBytes = (long)owner.SecondarySliverLength;
            _slabColumns = (int)Math.Clamp(owner._options.ReadBufferBytes / columnBytes, 1, config.SecondarySourceSymbols);
            _primary = new NativeBuffer(owner.PrimarySliverLength);
            _secondary = new NativeBuffer(owner.SecondarySliverLength);
            _slab = new NativeBuffer(_slabColumns * columnBytes);
        }

        /// <summary>Lends systematic pair <paramref name="p"/>: its primary sliver is row p of the blob.</summary>
        public void LendSystematic(int p, SliverPairAction action)
        {
            var o = _owner;
            o._source.ReadRows(o.PrimarySliverLength, p, 1, _primary.Pointer);
            Lend(p, _primary.Pointer, action);
        }

        /// <summary>Computes the lower rows <paramref name="keep"/> (indices below n_p) in one column pass and lends their pairs.</summary>
        public void LendBand(int[] keep, SliverPairAction action)
        {
            var o = _owner;
            var config = o.Config;
            var rowBytes = (long)o.PrimarySliverLength;
            if (keep[^1] < o._firstBandRows && Interlocked.Exchange(ref o._firstBand, null) is { } kept)
            {
                // Computed by the metadata pass (row i of the band is lower row i); its buffer then serves later bands.
                _band ??= kept;
                for (var i = 0; i < keep.Length; i++)
                {
                    Lend(config.PrimarySourceSymbols + keep[i], kept.Pointer + (keep[i] * rowBytes), action);
                }

                if (!ReferenceEquals(_band, kept))
                {
                    kept.Dispose();
                }

                return;
            }

            _band ??= new NativeBuffer(o.BandRows * rowBytes);
            var columns = config.SecondarySourceSymbols;
            for (var c0 = 0; c0 < columns; c0 += _slabColumns)
            {
                var c1 = Math.Min(columns, c0 + _slabColumns);
                var matrix = o._encoder.ReadMessageColumns(o._source, o.SymbolSize, c0, c1, _slab.Pointer, o._recovery.Pointer);
                o._encoder.ComputeLowerRows(matrix, c0, c1, keep, _band.Pointer);
            }

            _slabFirst = -1;
            for (var i = 0; i < keep.Length; i++)
            {
                Lend(config.PrimarySourceSymbols + keep[i], _band.Pointer + (i * rowBytes), action);
            }
        }

        public void Dispose()
        {
            _primary.Dispose();
            _secondary.Dispose();
            _slab.Dispose();
            _band?.Dispose();
        }

        private void Lend(int p, byte* primary, SliverPairAction action)
        {
            var o = _owner;
            var config = o.Config;
            var j = config.ShardCount - 1 - p;
            WriteSecondary(j);
            action(new SliverPairView(
                new SliverPairIndex((ushort)p), config.ShardCount, o.SymbolSize,
                new ReadOnlySpan<byte>(primary, o.PrimarySliverLength),
                new ReadOnlySpan<byte>(_secondary.Pointer, o.SecondarySliverLength)));
        }

        /// <summary>Secondary sliver <paramref name="j"/> into the pair buffer: a column of the recovery symbols or of the blob.</summary>
        private void WriteSecondary(int j)
        {
            var o = _owner;
            var config = o.Config;
            var rows = config.PrimarySourceSymbols;
            var columns = config.SecondarySourceSymbols;
            var symbolSize = o.SymbolSize;
            var target = _secondary.Pointer;
            if (j >= columns)
            {
                var recoveryColumns = config.ShardCount - columns;
                var source = o._recovery.Pointer + ((long)(j - columns) * symbolSize);
                for (var r = 0; r < rows; r++)
                {
                    Buffer.MemoryCopy(source + ((long)r * recoveryColumns * symbolSize), target + ((long)r * symbolSize), symbolSize, symbolSize);
                }

                return;
            }

            if (_slabFirst < 0 || j < _slabFirst || j >= _slabFirst + _slabCount)
            {
                _slabFirst = j / _slabColumns * _slabColumns;
                _slabCount = Math.Min(_slabColumns, columns - _slabFirst);
                o._source.ReadColumns(rows, columns, symbolSize, _slabFirst, _slabCount, _slab.Pointer);
            }

            var stride = (long)_slabCount * symbolSize;
            var column = _slab.Pointer + ((long)(j - _slabFirst) * symbolSize);
            for (var r = 0; r < rows; r++)
            {
                Buffer.MemoryCopy(column + (r * stride), target + ((long)r * symbolSize), symbolSize, symbolSize);
            }
        }
    }
}
