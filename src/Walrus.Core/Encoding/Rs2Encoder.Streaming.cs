namespace Walrus.Core.Encoding;

/// <summary>Encoding a blob that the encoder reads itself from a file or a stream, in bounded memory.</summary>
public sealed partial class Rs2Encoder
{
    /// <summary>
    /// Encodes the file at <paramref name="path"/> without holding it: the metadata is computed now (one read of the
    /// rows, one of the columns), the sliver pairs are produced later, band by band, by
    /// <see cref="StreamingEncodedBlob.ForEachSliverPair(SliverPairAction)"/>. The file must not change until the
    /// result is disposed. Memory: the rows' recovery symbols (half the blob) plus the options' band and read buffers.
    /// </summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="EncodingConfig.MaxBlobSize"/>.</exception>
    public StreamingEncodedBlob EncodeStreaming(string path, EncodedBlobOptions? options = null) =>
        StreamingEncodedBlob.Create(this, BlobSource.OpenFile(path), options ?? EncodedBlobOptions.Default);

    /// <summary>
    /// Encodes <paramref name="stream"/> from its position to its end, like <see cref="EncodeStreaming(string, EncodedBlobOptions?)"/>.
    /// A seekable stream is read in place and must not be used elsewhere (or change) until the result is disposed; a
    /// stream that cannot seek is first read whole into memory (the memory bound then includes the blob).
    /// </summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="EncodingConfig.MaxBlobSize"/>.</exception>
    public StreamingEncodedBlob EncodeStreaming(Stream stream, EncodedBlobOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamingEncodedBlob.Create(this, BlobSource.FromStream(stream, cancellationToken), options ?? EncodedBlobOptions.Default);

    /// <summary>The blob id and metadata of the file at <paramref name="path"/>, read in bounded memory (half the blob plus buffers).</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="EncodingConfig.MaxBlobSize"/>.</exception>
    public BlobMetadataWithId ComputeMetadata(string path)
    {
        using var encoded = StreamingEncodedBlob.Create(this, BlobSource.OpenFile(path), EncodedBlobOptions.Default, keepFirstBand: false);
        return encoded.Metadata;
    }

    /// <summary>The blob id and metadata of <paramref name="stream"/> from its position to its end (see <see cref="EncodeStreaming(Stream, EncodedBlobOptions?, CancellationToken)"/>).</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="EncodingConfig.MaxBlobSize"/>.</exception>
    public BlobMetadataWithId ComputeMetadata(Stream stream, CancellationToken cancellationToken = default)
    {
        using var encoded = StreamingEncodedBlob.Create(this, BlobSource.FromStream(stream, cancellationToken), EncodedBlobOptions.Default, keepFirstBand: false);
        return encoded.Metadata;
    }

    /// <summary>
    /// The metadata pass of a streaming encode: the rows' recovery symbols into <paramref name="recovery"/> (read a slab
    /// of rows at a time), then the column bands (read a slab of message columns at a time) and the trees; the first
    /// <paramref name="bottomRows"/> non-systematic primary slivers are kept at <paramref name="bottom"/> when given.
    /// </summary>
    internal unsafe SliverPairMetadata[] HashStreaming(BlobSource source, int symbolSize, byte* recovery, long readBufferBytes, byte* bottom = null, int bottomRows = 0)
    {
        var rows = Config.PrimarySourceSymbols;
        var columns = Config.SecondarySourceSymbols;
        var rowBytes = (long)columns * symbolSize;
        var columnBytes = (long)rows * symbolSize;
        using var hasher = new ExpandedMatrixHasher(this, symbolSize, bottom, bottomRows);
        var rowsPerSlab = (int)Math.Clamp(readBufferBytes / rowBytes, 1, rows);
        var bandsPerSlab = (int)Math.Clamp(readBufferBytes / (hasher.Width * columnBytes), 1, hasher.Bands);
        var slabBytes = Math.Max(rowsPerSlab * rowBytes, bandsPerSlab * hasher.Width * columnBytes);
        using var slab = new NativeBuffer(slabBytes);

        for (var first = 0; first < rows; first += rowsPerSlab)
        {
            var count = Math.Min(rowsPerSlab, rows - first);
            source.ReadRows(rowBytes, first, count, slab.Pointer);
            EncodeRows(BlobMatrix.OverSlab(Config, symbolSize, slab.Pointer, first, 0, rowBytes, recovery), first, count);
        }

        for (var band = 0; band < hasher.Bands; band += bandsPerSlab)
        {
            var count = Math.Min(bandsPerSlab, hasher.Bands - band);
            var matrix = ReadMessageColumns(source, symbolSize, band * hasher.Width, (band + count) * hasher.Width, slab.Pointer, recovery);
            hasher.HashBands(matrix, band, count);
        }

        return hasher.Finish();
    }

    /// <summary>
    /// Reads the message columns among <paramref name="start"/>..<paramref name="end"/>-1 into <paramref name="slab"/>
    /// and returns a matrix addressing those columns (recovery columns come from <paramref name="recovery"/>).
    /// </summary>
    internal unsafe BlobMatrix ReadMessageColumns(BlobSource source, int symbolSize, int start, int end, byte* slab, byte* recovery)
    {
        var rows = Config.PrimarySourceSymbols;
        var columns = Config.SecondarySourceSymbols;
        var messageEnd = Math.Min(end, columns);
        var count = Math.Max(messageEnd - start, 0);
        if (count > 0)
        {
            source.ReadColumns(rows, columns, symbolSize, start, count, slab);
        }

        return BlobMatrix.OverSlab(Config, symbolSize, slab, 0, start, Math.Max(count, 1) * (long)symbolSize, recovery);
    }
}
