using System.Runtime.CompilerServices;

namespace Walrus.Core.Encoding;

/// <summary>
/// Decodes RS2 blobs (docs/protocol.md §9): from n_p primary slivers (each of the n_s symbol positions decoded with the
/// primary code) or from n_s secondary slivers (each of the n_p rows decoded with the secondary code), in any order and
/// any subset; then the requested consistency check. Slivers are assumed verified (<see cref="SliverVerifier"/>).
/// Thread-safe and reusable.
/// </summary>
/// <remarks>
/// All symbol positions of a band go through one Reed-Solomon decode: the slivers' symbols are packed into shards
/// lane by lane (<see cref="SymbolPacking"/>), so the erasure pattern's transform is paid once per band, not per symbol.
/// If the slivers given are exactly the systematic ones, the blob is copied out without decoding.
/// </remarks>
public sealed class Rs2Decoder
{
    private readonly Rs2Encoder _encoder;

    public Rs2Decoder(EncodingConfig config, Rs2EncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        _encoder = new Rs2Encoder(config, options);
    }

    public EncodingConfig Config { get; }

    /// <summary>Decodes a blob of <paramref name="unencodedLength"/> bytes without a consistency check.</summary>
    public unsafe BlobDecodeResult Decode(long unencodedLength, IReadOnlyList<SliverData> slivers)
    {
        if (!Config.CanEncode(unencodedLength) || unencodedLength > Array.MaxLength)
        {
            return BlobDecodeResult.Failure(BlobDecodeStatus.InvalidMetadata, $"A blob of {unencodedLength} bytes cannot be decoded into an array under {Config}.");
        }

        var blob = GC.AllocateUninitializedArray<byte>((int)unencodedLength);
        fixed (byte* b = blob)
        {
            var status = DecodeCore(unencodedLength, slivers, b, out _, out var error);
            return status == BlobDecodeStatus.Decoded ? new BlobDecodeResult(status, blob, null) : BlobDecodeResult.Failure(status, error!);
        }
    }

    /// <summary>
    /// Decodes the blob of <paramref name="metadata"/> (already verified against its blob id) and runs
    /// <paramref name="check"/> (<c>decode_and_verify</c>).
    /// </summary>
    public unsafe BlobDecodeResult DecodeAndVerify(BlobMetadataWithId metadata, IReadOnlyList<SliverData> slivers, ConsistencyCheck check = ConsistencyCheck.Default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var length = metadata.Metadata.UnencodedLength;
        if (metadata.Metadata.ShardCount != Config.ShardCount || length > (ulong)Config.MaxBlobSize || length > (ulong)Array.MaxLength)
        {
            return BlobDecodeResult.Failure(BlobDecodeStatus.InvalidMetadata, $"A blob of {length} bytes with {metadata.Metadata.ShardCount} hashes cannot be decoded into an array under {Config}.");
        }

        var blob = GC.AllocateUninitializedArray<byte>((int)length);
        var status = TryDecodeAndVerify(metadata, slivers, blob, check, out var error);
        return status == BlobDecodeStatus.Decoded ? new BlobDecodeResult(status, blob, null) : BlobDecodeResult.Failure(status, error!);
    }

    /// <summary>
    /// <see cref="DecodeAndVerify"/> into a caller's buffer (e.g. pooled) of at least the blob's length; only the first
    /// unencoded-length bytes are written.
    /// </summary>
    public unsafe BlobDecodeStatus TryDecodeAndVerify(
        BlobMetadataWithId metadata, IReadOnlyList<SliverData> slivers, Span<byte> destination, ConsistencyCheck check, out string? error)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var meta = metadata.Metadata;
        if (meta.ShardCount != Config.ShardCount || meta.UnencodedLength > (ulong)Config.MaxBlobSize)
        {
            error = $"The metadata does not fit {Config}.";
            return BlobDecodeStatus.InvalidMetadata;
        }

        var length = (long)meta.UnencodedLength;
        if (destination.Length < length)
        {
            ThrowHelper.Argument(nameof(destination), $"The destination holds {destination.Length} bytes; the blob has {length}.");
        }

        fixed (byte* blob = destination)
        {
            var status = DecodeCore(length, slivers, blob, out var verifiedRows, out error);
            if (status != BlobDecodeStatus.Decoded || check == ConsistencyCheck.Skip)
            {
                return status;
            }

            if (check == ConsistencyCheck.Strict)
            {
                if (_encoder.ComputeMetadata(blob, length).BlobId != metadata.BlobId)
                {
                    error = "The re-encoded blob has a different blob id.";
                    return BlobDecodeStatus.InconsistentBlob;
                }

                return status;
            }

            return CheckSystematicRows(meta, blob, length, verifiedRows, out error);
        }
    }

    /// <summary>The default check: the hash of every systematic primary sliver (a row of the blob) not already verified.</summary>
    private unsafe BlobDecodeStatus CheckSystematicRows(BlobMetadata meta, byte* blob, long length, bool[]? verifiedRows, out string? error)
    {
        error = null;
        var rows = new List<int>();
        for (var r = 0; r < Config.PrimarySourceSymbols; r++)
        {
            if (verifiedRows is null || !verifiedRows[r])
            {
                rows.Add(r);
            }
        }

        if (rows.Count == 0)
        {
            return BlobDecodeStatus.Decoded;
        }

        var symbolSize = Config.GetSymbolSize(length);
        int? mismatch;
        using (var work = new EncodingWork(Config, symbolSize, blob, length, withRecovery: false))
        {
            var pointers = new nint[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                pointers[i] = (nint)work.Matrix.Row(rows[i]);
            }

            mismatch = SliverExpansion.FirstPrimaryMismatch(Config, meta, pointers, rows.ToArray(), symbolSize, _encoder.Workers);
        }

        if (mismatch is { } row)
        {
            error = $"Systematic primary sliver {row} does not match the metadata.";
            return BlobDecodeStatus.InconsistentBlob;
        }

        return BlobDecodeStatus.Decoded;
    }

    private unsafe BlobDecodeStatus DecodeCore(long length, IReadOnlyList<SliverData> slivers, byte* blob, out bool[]? verifiedRows, out string? error)
    {
        ArgumentNullException.ThrowIfNull(slivers);
        verifiedRows = null;
        error = null;
        if (!Config.TryGetSymbolSize(length, out var symbolSize))
        {
            error = $"A blob of {length} bytes cannot be encoded with {Config}.";
            return BlobDecodeStatus.InvalidMetadata;
        }

        if (slivers.Count == 0)
        {
            error = "No slivers were given.";
            return BlobDecodeStatus.NotEnoughSlivers;
        }

        var type = slivers[0].Type;
        var k = Config.SliversForDecoding(type);
        var sliverLength = Config.SymbolsPerSliver(type) * symbolSize;
        var chosen = new SliverData?[Config.ShardCount];
        var distinct = 0;
        foreach (var sliver in slivers)
        {
            if (sliver.Type != type)
            {
                error = "Primary and secondary slivers cannot be mixed.";
                return BlobDecodeStatus.InvalidSlivers;
            }

            if (sliver.Index.Value >= Config.ShardCount || sliver.SymbolSize != symbolSize || sliver.Symbols.Length != sliverLength)
            {
                error = $"{sliver} does not fit a blob of {length} bytes under {Config}.";
                return BlobDecodeStatus.InvalidSlivers;
            }

            if (chosen[sliver.Index.Value] is null)
            {
                chosen[sliver.Index.Value] = sliver;
                distinct++;
            }
        }

        if (type == SliverType.Primary)
        {
            verifiedRows = new bool[k];
            for (var r = 0; r < k; r++)
            {
                verifiedRows[r] = chosen[r] is not null;
            }
        }

        if (distinct < k)
        {
            error = $"{distinct} distinct {type} slivers were given; {k} are needed.";
            return BlobDecodeStatus.NotEnoughSlivers;
        }

        // Systematic slivers first, then any others, k in all.
        var use = new SliverData[k];
        var count = 0;
        for (var i = 0; i < chosen.Length && count < k; i++)
        {
            if (chosen[i] is { } s)
            {
                use[count++] = s;
            }
        }

        var handles = new System.Buffers.MemoryHandle[k];
        try
        {
            var pointers = new nint[k];
            var indices = new int[k];
            for (var i = 0; i < k; i++)
            {
                handles[i] = use[i].Symbols.Pin();
                pointers[i] = (nint)handles[i].Pointer;
                indices[i] = use[i].Index.Value;
            }

            fixed (nint* p = pointers)
            {
                var systematic = use[k - 1].Index.Value == k - 1;
                if (type == SliverType.Primary)
                {
                    DecodeRows(systematic ? null : indices, (byte**)p, symbolSize, blob, length);
                }
                else
                {
                    DecodeColumns(systematic ? null : indices, (byte**)p, symbolSize, blob, length);
                }
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }

        return BlobDecodeStatus.Decoded;
    }

    /// <summary>
    /// From n_p primary slivers (rows): bands of symbol positions (columns), one primary decode per band. With
    /// <paramref name="indices"/> null the slivers are rows 0..n_p-1 in order and are copied.
    /// </summary>
    private unsafe void DecodeRows(int[]? indices, byte** slivers, int symbolSize, byte* blob, long length)
    {
        var rows = Config.PrimarySourceSymbols;
        var columns = Config.SecondarySourceSymbols;
        var rowBytes = (long)columns * symbolSize;
        if (indices is null)
        {
            for (var r = 0; r < rows; r++)
            {
                WriteBytes(blob, length, r * rowBytes, slivers[r], rowBytes);
            }

            return;
        }

        var width = BandWidth(columns, rows, symbolSize);
        var bands = (columns + width - 1) / width;
        var scratchBytes = (2L * rows * SymbolPacking.PackedSize(width, symbolSize)) + symbolSize;
        var decoder = Config.PrimaryDecoder;
        BandScheduler.ForEachBand(bands, _encoder.Workers, () => new NativeBuffer(scratchBytes), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (band, scratch) =>
        {
            var c0 = band * width;
            var count = Math.Min(width, columns - c0);
            var packed = SymbolPacking.PackedSize(count, symbolSize);
            var input = scratch.Pointer;
            var output = input + ((long)rows * packed);
            var symbol = output + ((long)rows * packed);
            for (var j = 0; j < rows; j++)
            {
                var sliver = slivers[j] + ((long)c0 * symbolSize);
                for (var c = 0; c < count; c++)
                {
                    SymbolPacking.Pack(sliver + ((long)c * symbolSize), symbolSize, count, c, input + ((long)j * packed));
                }
            }

            Decode(decoder, indices, input, output, rows, packed);
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < count; c++)
                {
                    UnpackTo(output + ((long)r * packed), symbolSize, count, c, blob, length, (r * rowBytes) + ((long)(c0 + c) * symbolSize), symbol);
                }
            }
        });
    }

    /// <summary>From n_s secondary slivers (columns): bands of rows, one secondary decode per band.</summary>
    private unsafe void DecodeColumns(int[]? indices, byte** slivers, int symbolSize, byte* blob, long length)
    {
        var rows = Config.PrimarySourceSymbols;
        var columns = Config.SecondarySourceSymbols;
        var rowBytes = (long)columns * symbolSize;
        if (indices is null)
        {
            for (var c = 0; c < columns; c++)
            {
                for (var r = 0; r < rows; r++)
                {
                    WriteBytes(blob, length, (r * rowBytes) + ((long)c * symbolSize), slivers[c] + ((long)r * symbolSize), symbolSize);
                }
            }

            return;
        }

        var height = BandWidth(rows, columns, symbolSize);
        var bands = (rows + height - 1) / height;
        var scratchBytes = (2L * columns * SymbolPacking.PackedSize(height, symbolSize)) + symbolSize;
        var decoder = Config.SecondaryDecoder;
        BandScheduler.ForEachBand(bands, _encoder.Workers, () => new NativeBuffer(scratchBytes), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (band, scratch) =>
        {
            var r0 = band * height;
            var count = Math.Min(height, rows - r0);
            var packed = SymbolPacking.PackedSize(count, symbolSize);
            var input = scratch.Pointer;
            var output = input + ((long)columns * packed);
            var symbol = output + ((long)columns * packed);
            for (var j = 0; j < columns; j++)
            {
                var sliver = slivers[j] + ((long)r0 * symbolSize);
                for (var r = 0; r < count; r++)
                {
                    SymbolPacking.Pack(sliver + ((long)r * symbolSize), symbolSize, count, r, input + ((long)j * packed));
                }
            }

            Decode(decoder, indices, input, output, columns, packed);
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    UnpackTo(output + ((long)c * packed), symbolSize, count, r, blob, length, ((r0 + r) * rowBytes) + ((long)c * symbolSize), symbol);
                }
            }
        });
    }

    internal static unsafe void Decode(ReedSolomon.ReedSolomonDecoder decoder, int[] indices, byte* input, byte* output, int k, int packed)
    {
        var ok = decoder.TryDecode(
            indices, new ReadOnlySpan<byte>(input, checked(k * packed)), packed,
            new Span<byte>(output, checked(k * packed)), packed, packed);
        if (!ok)
        {
            ThrowHelper.InvalidOperation("The Reed-Solomon decoder refused enough distinct shards.");
        }
    }

    /// <summary>Unpacks one symbol to <paramref name="offset"/> of the blob, cut at its end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void UnpackTo(byte* packed, int symbolSize, int count, int index, byte* blob, long length, long offset, byte* symbol)
    {
        if (offset + symbolSize <= length)
        {
            SymbolPacking.Unpack(packed, symbolSize, count, index, blob + offset);
        }
        else if (offset < length)
        {
            SymbolPacking.Unpack(packed, symbolSize, count, index, symbol);
            Buffer.MemoryCopy(symbol, blob + offset, length - offset, length - offset);
        }
    }

    private static unsafe void WriteBytes(byte* blob, long length, long offset, byte* source, long count)
    {
        var n = Math.Min(count, length - offset);
        if (n > 0)
        {
            Buffer.MemoryCopy(source, blob + offset, n, n);
        }
    }

    /// <summary>Symbol positions per band: the packed input and output (2 k shards) within the scratch budget, shared over the workers.</summary>
    private int BandWidth(int positions, int k, int symbolSize)
    {
        var byBudget = (int)Math.Clamp((4L << 20) / Math.Max(2L * k * symbolSize, 1), 1, positions);
        var byShare = Math.Max(1, (positions + (2 * _encoder.Workers) - 1) / (2 * _encoder.Workers));
        return Math.Max(1, Math.Min(byBudget, byShare));
    }
}
