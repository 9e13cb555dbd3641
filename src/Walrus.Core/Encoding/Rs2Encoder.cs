using Walrus.Core.Merkle;

namespace Walrus.Core.Encoding;

/// <summary>
/// The RS2 (RedStuff with Reed-Solomon) blob encoder of Walrus mainnet (docs/protocol.md §3, §6), bit-exact:
/// same slivers, same sliver hashes, same blob id. Thread-safe and reusable.
/// </summary>
/// <remarks>
/// <para>
/// The blob is the n_p x n_s message matrix of S-byte symbols, row-major. Rows are extended to n symbols with the
/// secondary code (k = n_s), then every column of the resulting n_p x n matrix to n symbols with the primary code
/// (k = n_p), giving the n x n expanded matrix. Row p's Merkle root is pair p's primary hash, column n-1-p's root its
/// secondary hash.
/// </para>
/// <para>
/// The expanded matrix is never held whole. The rows' recovery symbols (n_p x (n - n_s), about half the blob) are
/// computed first; then the columns are processed in bands: each band's n - n_p missing rows are encoded, every symbol
/// of the band is hashed once (the leaf hash serves both its row tree and its column tree), the band's column trees are
/// finished and each row's subtree over the band is reduced to one node. Bands are spread over the cores and write
/// disjoint outputs, so the result does not depend on scheduling. Many symbols go through one Reed-Solomon call by
/// packing them into one shard lane by lane (<see cref="SymbolPacking"/>), and hashing runs eight inputs at a time.
/// </para>
/// </remarks>
public sealed partial class Rs2Encoder
{
    private readonly Rs2EncoderOptions _options;

    public Rs2Encoder(EncodingConfig config, Rs2EncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        _options = options ?? Rs2EncoderOptions.Default;
        if (_options.MaxDegreeOfParallelism < 1 || _options.ScratchBytesPerWorker < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(options), "The degree of parallelism and the scratch size must be positive.");
        }
    }

    /// <summary>The shard count and code parameters.</summary>
    public EncodingConfig Config { get; }

    /// <summary>The blob id and metadata of <paramref name="blob"/> (what <c>walrus blob-id</c> computes).</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="EncodingConfig.MaxBlobSize"/>.</exception>
    public unsafe BlobMetadataWithId ComputeMetadata(ReadOnlySpan<byte> blob)
    {
        fixed (byte* pointer = blob)
        {
            return ComputeMetadata(pointer, blob.Length);
        }
    }

    /// <summary>
    /// The blob id and metadata of the <paramref name="length"/> bytes at <paramref name="blob"/>, which must stay valid
    /// and unchanged during the call (for blobs above 2 GiB, e.g. a memory-mapped file).
    /// </summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="EncodingConfig.MaxBlobSize"/>.</exception>
    internal unsafe BlobMetadataWithId ComputeMetadata(byte* blob, long length)
    {
        if (length < 0 || (blob == null && length > 0))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(length), "The blob length must be non-negative and the pointer valid.");
        }

        var symbolSize = Config.GetSymbolSize(length);
        using var work = new EncodingWork(Config, symbolSize, blob, length);
        EncodeRows(work.Matrix);
        var hashes = HashExpandedMatrix(work.Matrix, bottom: null);
        return BlobMetadataWithId.FromMetadata(new BlobMetadata(EncodingType.RS2, (ulong)length, hashes));
    }

    /// <summary>The blob id of <paramref name="blob"/>.</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="EncodingConfig.MaxBlobSize"/>.</exception>
    public BlobId ComputeBlobId(ReadOnlySpan<byte> blob) => ComputeMetadata(blob).BlobId;

    /// <summary>
    /// Encodes <paramref name="blob"/> into its metadata and n sliver pairs. The result reads the blob's memory (it is
    /// pinned until the result is disposed, and must not change). See <see cref="EncodedBlob"/> for how slivers are
    /// produced and what memory they take.
    /// </summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="EncodingConfig.MaxBlobSize"/>.</exception>
    public EncodedBlob Encode(ReadOnlyMemory<byte> blob, EncodedBlobOptions? options = null) =>
        EncodedBlob.Create(this, blob, options ?? EncodedBlobOptions.Default);

    /// <summary>
    /// Encodes the <paramref name="length"/> bytes at <paramref name="blob"/>, which must stay valid and unchanged until
    /// the result is disposed (for blobs above 2 GiB, e.g. a memory-mapped file).
    /// </summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="EncodingConfig.MaxBlobSize"/>.</exception>
    internal unsafe EncodedBlob Encode(byte* blob, long length, EncodedBlobOptions? options = null)
    {
        if (length < 0 || (blob == null && length > 0))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(length), "The blob length must be non-negative and the pointer valid.");
        }

        return EncodedBlob.Create(this, blob, length, default, options ?? EncodedBlobOptions.Default);
    }

    /// <summary>Rows of the message matrix to encode per band so that a band fits the scratch budget.</summary>
    internal int RowBandSize(int symbolSize, int workers)
    {
        var perRow = (long)Config.ShardCount * symbolSize;
        var rows = (int)Math.Clamp(_options.ScratchBytesPerWorker / Math.Max(perRow, 1), 1, Config.PrimarySourceSymbols);
        var share = (Config.PrimarySourceSymbols + (2 * workers) - 1) / (2 * workers);
        return Math.Max(1, Math.Min(rows, share));
    }

    /// <summary>Columns per band: a power of two, so that a row's subtree over a full band is a subtree of its Merkle tree.</summary>
    internal int ColumnBandWidth(int symbolSize, int workers)
    {
        var n = Config.ShardCount;
        var perColumn = ((long)n * ((2L * symbolSize) + 64)) + 1;
        var byBudget = Math.Max(1L, _options.ScratchBytesPerWorker / perColumn);
        var byShare = Math.Max(1, n / (2 * workers));
        var width = (int)Math.Min(Math.Min(byBudget, byShare), 64);
        return (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)width + 1) >> 1;
    }

    internal int Workers => _options.MaxDegreeOfParallelism;

    /// <summary>Runs <paramref name="body"/> for bands 0..count-1 on up to <see cref="Workers"/> threads, each with its own scratch.</summary>
    internal void ForEachBand<TScratch>(int count, Func<TScratch> createScratch, Action<int, TScratch> body)
        where TScratch : IDisposable => BandScheduler.ForEachBand(count, Workers, createScratch, body);

    /// <summary>Builds the metadata hashes from the per-row roots and per-column roots.</summary>
    internal static SliverPairMetadata[] PairHashes(int n, ReadOnlySpan<byte> rowRoots, ReadOnlySpan<byte> columnRoots)
    {
        var hashes = new SliverPairMetadata[n];
        for (var p = 0; p < n; p++)
        {
            hashes[p] = new SliverPairMetadata(
                MerkleNode.FromDigest(rowRoots.Slice(p * 32, 32)),
                MerkleNode.FromDigest(columnRoots.Slice((n - 1 - p) * 32, 32)));
        }

        return hashes;
    }
}
