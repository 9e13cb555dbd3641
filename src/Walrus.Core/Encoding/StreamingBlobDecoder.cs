using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Walrus.Core.Encoding;

/// <summary>
/// Decodes a blob from primary slivers that arrive one by one, into a file or a stream, in memory bounded by what must
/// be decoded: a systematic sliver (a row of the blob, indices 0..n_p-1) is written to the output as it arrives and not
/// held; other slivers are held until <see cref="Finish"/> decodes the missing rows, one band of columns at a time, and
/// writes them. Blobs of any size decode (offsets are 64-bit; nothing holds the whole blob). Thread-safe: slivers may be
/// added from several threads (verification runs in parallel; writes one at a time).
/// </summary>
/// <remarks>
/// <para>
/// Output: a file (<see cref="Create(EncodingConfig, BlobMetadataWithId, string, Rs2EncoderOptions?)"/>) or a stream
/// that can seek and read is written in place and read back for decoding and checks. A stream that cannot seek (an
/// HTTP response) gets the rows in order: rows that arrive in order are written at once, the others are held until the
/// rows before them are written, and every systematic sliver is also kept in case a decode needs it (so its memory is
/// up to the blob's).
/// </para>
/// <para>
/// The decoder keeps a reference to the slivers it holds until it is disposed; a systematic sliver written to a file or
/// seekable stream is not referenced after <see cref="Add(SliverData)"/> returns, so its buffer may be reused.
/// </para>
/// <para>
/// When <see cref="Finish"/> reports anything but <see cref="BlobDecodeStatus.Decoded"/> the output holds a partial or
/// inconsistent blob and must be discarded (an aggregator aborts the response).
/// </para>
/// </remarks>
public sealed unsafe class StreamingBlobDecoder : IDisposable
{
    private readonly Rs2Encoder _encoder;
    private readonly BlobMetadataWithId _metadata;
    private readonly Lock _lock = new();
    private readonly SliverData?[] _held;
    private readonly bool[] _taken;
    private readonly SafeFileHandle? _file;
    private readonly bool _ownsFile;
    private readonly Stream? _stream;
    private readonly long _streamStart;
    private readonly bool _sequential;
    private int _count;
    private int _nextRow;
    private bool _finished;
    private bool _disposed;

    private StreamingBlobDecoder(EncodingConfig config, BlobMetadataWithId metadata, Rs2EncoderOptions? options, SafeFileHandle? file, bool ownsFile, Stream? stream)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(metadata);
        var meta = metadata.Metadata;
        if (meta.ShardCount != config.ShardCount || !config.TryGetSymbolSize((long)Math.Min(meta.UnencodedLength, long.MaxValue), out var symbolSize))
        {
            ThrowHelper.Argument(nameof(metadata), $"The metadata ({meta.ShardCount} hashes, {meta.UnencodedLength} bytes) does not fit {config}.");
            return;
        }

        _encoder = new Rs2Encoder(config, options);
        _metadata = metadata;
        SymbolSize = symbolSize;
        Length = (long)meta.UnencodedLength;
        _held = new SliverData?[config.ShardCount];
        _taken = new bool[config.ShardCount];
        _file = file;
        _ownsFile = ownsFile;
        _stream = stream;
        if (stream is not null)
        {
            _sequential = !(stream.CanSeek && stream.CanRead);
            _streamStart = _sequential ? 0 : stream.Position;
        }
    }

    /// <summary>A decoder writing to <paramref name="output"/> (see the remarks for streams that cannot seek); the stream is not disposed.</summary>
    /// <exception cref="ArgumentException">The metadata does not fit the config, or the stream cannot be written.</exception>
    public StreamingBlobDecoder(EncodingConfig config, BlobMetadataWithId metadata, Stream output, Rs2EncoderOptions? options = null)
        : this(config, metadata, options, null, false, output ?? throw new ArgumentNullException(nameof(output)))
    {
        if (!output.CanWrite)
        {
            ThrowHelper.Argument(nameof(output), "The output stream cannot be written.");
        }
    }

    /// <summary>The shard count and code parameters.</summary>
    public EncodingConfig Config => _encoder.Config;

    /// <summary>The blob length.</summary>
    public long Length { get; }

    /// <summary>The symbol size.</summary>
    public int SymbolSize { get; }

    /// <summary>n_p: the distinct primary slivers a decode needs.</summary>
    public int SliversNeeded => Config.PrimarySourceSymbols;

    /// <summary>The distinct valid primary slivers taken so far.</summary>
    public int SliverCount
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Whether enough slivers are in hand for <see cref="Finish"/>.</summary>
    public bool HasEnough => SliverCount >= SliversNeeded;

    /// <summary>A decoder writing to a new file at <paramref name="path"/> (replaced if it exists), closed on dispose.</summary>
    /// <exception cref="ArgumentException">The metadata does not fit the config.</exception>
    public static StreamingBlobDecoder Create(EncodingConfig config, BlobMetadataWithId metadata, string path, Rs2EncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            RandomAccess.SetLength(file, (long)Math.Min(metadata.Metadata.UnencodedLength, long.MaxValue));
            return new StreamingBlobDecoder(config, metadata, options, file, true, null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Verifies <paramref name="sliver"/> against the metadata and takes it if it is valid and useful.</summary>
    /// <exception cref="ArgumentException">The sliver is not a primary sliver.</exception>
    public SliverAddResult Add(SliverData sliver) => Add(sliver, out _);

    /// <summary>Verifies <paramref name="sliver"/> against the metadata (result in <paramref name="verification"/>) and takes it if it is valid and useful.</summary>
    /// <exception cref="ArgumentException">The sliver is not a primary sliver.</exception>
    public SliverAddResult Add(SliverData sliver, out SliverVerificationResult verification)
    {
        ArgumentNullException.ThrowIfNull(sliver);
        CheckPrimary(sliver);
        verification = SliverVerificationResult.Valid;
        var early = Peek(sliver.Index.Value);
        if (early is { } result)
        {
            return result;
        }

        verification = SliverVerifier.Verify(sliver, _metadata.Metadata, Config);
        return verification == SliverVerificationResult.Valid ? Take(sliver) : SliverAddResult.Invalid;
    }

    /// <summary>
    /// Takes a sliver the caller has verified against this metadata (e.g. with <see cref="SliverVerifier.VerifyMany"/>);
    /// only its index and size are checked.
    /// </summary>
    /// <exception cref="ArgumentException">The sliver is not a primary sliver of this blob's index range and size.</exception>
    public SliverAddResult AddVerified(SliverData sliver)
    {
        ArgumentNullException.ThrowIfNull(sliver);
        CheckPrimary(sliver);
        if (sliver.Index.Value >= Config.ShardCount || sliver.SymbolSize != SymbolSize || sliver.Symbols.Length != (long)Config.SecondarySourceSymbols * SymbolSize)
        {
            ThrowHelper.Argument(nameof(sliver), $"{sliver} is not a primary sliver of this blob.");
        }

        return Peek(sliver.Index.Value) ?? Take(sliver);
    }

    /// <summary>
    /// Decodes the rows no systematic sliver brought, writes them, runs <paramref name="check"/> and flushes the output.
    /// <see cref="ConsistencyCheck.Strict"/> needs an output that can be read back (a file or a seekable, readable stream).
    /// </summary>
    /// <exception cref="InvalidOperationException">Finish was called already.</exception>
    public BlobDecodeStatus Finish(ConsistencyCheck check, out string? error)
    {
        error = null;
        if (check == ConsistencyCheck.Strict && _sequential)
        {
            ThrowHelper.InvalidOperation("A strict check reads the blob back; this output cannot be read.");
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_finished)
            {
                ThrowHelper.InvalidOperation("The blob was finished already.");
            }

            if (_count < SliversNeeded)
            {
                error = $"{_count} distinct primary slivers were given; {SliversNeeded} are needed.";
                return BlobDecodeStatus.NotEnoughSlivers;
            }

            _finished = true;
        }

        var rows = Config.PrimarySourceSymbols;
        var missing = new List<int>();
        for (var r = 0; r < rows; r++)
        {
            if (!_taken[r])
            {
                missing.Add(r);
            }
        }

        using var decoded = _sequential && missing.Count > 0 ? new NativeBuffer(missing.Count * RowBytes) : null;
        if (missing.Count > 0)
        {
            DecodeMissingRows(missing, decoded);
        }

        var status = BlobDecodeStatus.Decoded;
        if (check == ConsistencyCheck.Default && missing.Count > 0)
        {
            status = CheckRows(missing, decoded, out error);
        }
        else if (check == ConsistencyCheck.Strict)
        {
            using var source = OpenOutputAsSource();
            using var reencoded = StreamingEncodedBlob.Create(_encoder, source, EncodedBlobOptions.Default, ownsSource: false);
            if (reencoded.BlobId != _metadata.BlobId)
            {
                error = "The re-encoded blob has a different blob id.";
                status = BlobDecodeStatus.InconsistentBlob;
            }
        }

        if (status == BlobDecodeStatus.Decoded && _sequential)
        {
            var d = 0;
            for (var r = _nextRow; r < rows; r++)
            {
                var data = _held[r] is { } sliver ? sliver.Symbols.Span : new ReadOnlySpan<byte>(decoded!.Pointer + (d++ * RowBytes), (int)RowBytes);
                WriteRow(r, data);
            }

            _nextRow = rows;
        }

        if (_stream is not null)
        {
            _stream.Flush();
        }
        else
        {
            RandomAccess.FlushToDisk(_file!);
        }

        return status;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Array.Clear(_held);
        }

        if (_ownsFile)
        {
            _file!.Dispose();
        }
    }

    private long RowBytes => (long)Config.SecondarySourceSymbols * SymbolSize;

    private static void CheckPrimary(SliverData sliver)
    {
        if (sliver.Type != SliverType.Primary)
        {
            ThrowHelper.Argument(nameof(sliver), "A streaming decode takes primary slivers.");
        }
    }

    /// <summary>The result for a sliver that needs no verification (a duplicate, or not needed), or null.</summary>
    private SliverAddResult? Peek(int index)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (index < _taken.Length && _taken[index])
            {
                return SliverAddResult.Duplicate;
            }

            return index >= Config.PrimarySourceSymbols && (_count >= SliversNeeded || _finished) ? SliverAddResult.NotNeeded : null;
        }
    }

    private SliverAddResult Take(SliverData sliver)
    {
        var index = sliver.Index.Value;
        var rows = Config.PrimarySourceSymbols;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_taken[index])
            {
                return SliverAddResult.Duplicate;
            }

            if (_finished || (index >= rows && _count >= SliversNeeded))
            {
                return SliverAddResult.NotNeeded;
            }

            _taken[index] = true;
            _count++;
            if (index >= rows || _sequential)
            {
                _held[index] = sliver;
            }

            if (_sequential)
            {
                // Rows go out in order; each is kept in case a decode needs it.
                while (_nextRow < rows && _held[_nextRow] is { } next)
                {
                    WriteRow(_nextRow, next.Symbols.Span);
                    _nextRow++;
                }
            }
            else if (index < rows)
            {
                // Under the lock, so that a Finish that reads this row back finds it written.
                WriteRow(index, sliver.Symbols.Span);
            }
        }

        return SliverAddResult.Added;
    }

    /// <summary>Writes row <paramref name="row"/> of the blob (cut at the blob's end).</summary>
    private void WriteRow(int row, ReadOnlySpan<byte> data) => WriteAt(row * RowBytes, data);

    private void WriteAt(long offset, ReadOnlySpan<byte> data)
    {
        var count = (int)Math.Clamp(Length - offset, 0, data.Length);
        if (count == 0)
        {
            return;
        }

        data = data[..count];
        if (_file is not null)
        {
            RandomAccess.Write(_file, data, offset);
            return;
        }

        lock (_stream!)
        {
            if (!_sequential)
            {
                _stream.Position = _streamStart + offset;
            }

            _stream.Write(data);
        }
    }

    /// <summary>Reads what the output holds at <paramref name="offset"/> (zeros past the blob's end).</summary>
    private void ReadAt(long offset, Span<byte> destination)
    {
        var count = (int)Math.Clamp(Length - offset, 0, destination.Length);
        destination[count..].Clear();
        var done = 0;
        while (done < count)
        {
            int read;
            if (_file is not null)
            {
                read = RandomAccess.Read(_file, destination[done..count], offset + done);
            }
            else
            {
                lock (_stream!)
                {
                    _stream.Position = _streamStart + offset + done;
                    read = _stream.Read(destination[done..count]);
                }
            }

            if (read <= 0)
            {
                ThrowHelper.InvalidOperation("The output ended before the blob's length.");
            }

            done += read;
        }
    }

    /// <summary>The n_p slivers to decode from: the lowest indices taken (systematic ones first).</summary>
    private int[] ChooseInputs()
    {
        var k = SliversNeeded;
        var inputs = new int[k];
        var count = 0;
        for (var i = 0; i < _taken.Length && count < k; i++)
        {
            if (_taken[i])
            {
                inputs[count++] = i;
            }
        }

        return inputs;
    }

    /// <summary>
    /// Decodes the missing rows band by band (one primary decode per band of symbol positions) and writes them, or
    /// keeps them in <paramref name="decoded"/> (in the order of <paramref name="missing"/>) for an output that cannot seek.
    /// </summary>
    private void DecodeMissingRows(List<int> missing, NativeBuffer? decoded)
    {
        var rows = Config.PrimarySourceSymbols;
        var columns = Config.SecondarySourceSymbols;
        var symbolSize = SymbolSize;
        var rowBytes = RowBytes;
        var inputs = ChooseInputs();
        var missingRows = missing.ToArray();
        var handles = new System.Buffers.MemoryHandle[inputs.Length];
        var pointers = new nint[inputs.Length];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                if (_held[inputs[i]] is { } sliver)
                {
                    handles[i] = sliver.Symbols.Pin();
                    pointers[i] = (nint)handles[i].Pointer;
                }
            }

            var width = (int)Math.Clamp((16L << 20) / Math.Max(3L * rows * symbolSize, 1), 1, columns);
            width = Math.Max(1, Math.Min(width, (columns + (2 * _encoder.Workers) - 1) / (2 * _encoder.Workers)));
            var bands = (columns + width - 1) / width;
            var packedMax = SymbolPacking.PackedSize(width, symbolSize);
            var scratchBytes = (2L * rows * packedMax) + ((long)width * symbolSize);
            var decoder = Config.PrimaryDecoder;
            var decodedPointer = decoded is null ? null : decoded.Pointer;
            BandScheduler.ForEachBand(bands, _encoder.Workers, () => new NativeBuffer(scratchBytes), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (band, scratch) =>
            {
                var c0 = band * width;
                var count = Math.Min(width, columns - c0);
                var packed = SymbolPacking.PackedSize(count, symbolSize);
                var input = scratch.Pointer;
                var output = input + ((long)rows * packed);
                var segment = output + ((long)rows * packed);
                var segmentBytes = count * symbolSize;
                for (var j = 0; j < inputs.Length; j++)
                {
                    byte* source;
                    if (pointers[j] != 0)
                    {
                        source = (byte*)pointers[j] + ((long)c0 * symbolSize);
                    }
                    else
                    {
                        ReadAt((inputs[j] * rowBytes) + ((long)c0 * symbolSize), new Span<byte>(segment, segmentBytes));
                        source = segment;
                    }

                    for (var c = 0; c < count; c++)
                    {
                        SymbolPacking.Pack(source + ((long)c * symbolSize), symbolSize, count, c, input + ((long)j * packed));
                    }
                }

                Rs2Decoder.Decode(decoder, inputs, input, output, rows, packed);
                for (var m = 0; m < missingRows.Length; m++)
                {
                    var r = missingRows[m];
                    var target = decodedPointer != null ? decodedPointer + (m * rowBytes) + ((long)c0 * symbolSize) : segment;
                    for (var c = 0; c < count; c++)
                    {
                        SymbolPacking.Unpack(output + ((long)r * packed), symbolSize, count, c, target + ((long)c * symbolSize));
                    }

                    if (decodedPointer == null)
                    {
                        WriteAt((r * rowBytes) + ((long)c0 * symbolSize), new ReadOnlySpan<byte>(segment, segmentBytes));
                    }
                }
            });
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }
    }

    /// <summary>The default check: the decoded rows' hashes against the metadata (taken slivers were verified).</summary>
    private BlobDecodeStatus CheckRows(List<int> missing, NativeBuffer? decoded, out string? error)
    {
        error = null;
        var rowBytes = RowBytes;
        var batch = (int)Math.Clamp((32L << 20) / rowBytes, 1, missing.Count);
        using var buffer = decoded is null ? new NativeBuffer(batch * rowBytes) : null;
        var pointers = new nint[batch];
        for (var first = 0; first < missing.Count; first += batch)
        {
            var count = Math.Min(batch, missing.Count - first);
            for (var i = 0; i < count; i++)
            {
                if (decoded is not null)
                {
                    pointers[i] = (nint)(decoded.Pointer + ((first + i) * rowBytes));
                }
                else
                {
                    var target = buffer!.Pointer + (i * rowBytes);
                    ReadAt(missing[first + i] * rowBytes, new Span<byte>(target, (int)rowBytes));
                    pointers[i] = (nint)target;
                }
            }

            var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(missing).Slice(first, count);
            if (SliverExpansion.FirstPrimaryMismatch(Config, _metadata.Metadata, pointers, rows, SymbolSize, _encoder.Workers) is { } row)
            {
                error = $"Systematic primary sliver {row} does not match the metadata.";
                return BlobDecodeStatus.InconsistentBlob;
            }
        }

        return BlobDecodeStatus.Decoded;
    }

    private BlobSource OpenOutputAsSource() =>
        _file is not null ? BlobSource.FromFileHandle(_file, Length) : BlobSource.FromStreamRange(_stream!, _streamStart, Length);
}
