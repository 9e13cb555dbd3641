using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Encoding;

/// <summary>
/// The RS2 parameters for a committee of n shards (docs/protocol.md §2): f = (n-1)/3, n_p = n-2f primary source
/// symbols (rows of the message matrix, symbols per secondary sliver), n_s = n-f secondary source symbols (columns,
/// symbols per primary sliver), the symbol size for a blob length, and the size limits. Instances are immutable, shared
/// per shard count, and hold the two Reed-Solomon codes.
/// </summary>
public sealed class EncodingConfig
{
    /// <summary>The smallest shard count the reference encoder accepts.</summary>
    public const int MinShardCount = 4;

    /// <summary>The largest shard count (a u16; the Reed-Solomon codes further limit it, see <see cref="TryCreate"/>).</summary>
    public const int MaxShardCount = ushort.MaxValue;

    /// <summary>The largest symbol size: u16::MAX - 1, the largest even u16.</summary>
    public const int MaxSymbolSize = ushort.MaxValue - 1;

    /// <summary>Symbol sizes are multiples of this (GF(2^16) elements are two bytes).</summary>
    public const int SymbolAlignment = 2;

    private static readonly ConcurrentDictionary<int, EncodingConfig> Cache = new();

    private ReedSolomonEncoder? _primaryEncoder;
    private ReedSolomonEncoder? _secondaryEncoder;
    private ReedSolomonDecoder? _primaryDecoder;
    private ReedSolomonDecoder? _secondaryDecoder;

    private EncodingConfig(int shardCount)
    {
        ShardCount = shardCount;
        MaxFaulty = (shardCount - 1) / 3;
        PrimarySourceSymbols = shardCount - (2 * MaxFaulty);
        SecondarySourceSymbols = shardCount - MaxFaulty;
    }

    /// <summary>n, the number of shards (and of sliver pairs).</summary>
    public int ShardCount { get; }

    /// <summary>f = (n-1)/3, the number of shards that may be faulty.</summary>
    public int MaxFaulty { get; }

    /// <summary>n - f, the quorum of correct shards.</summary>
    public int MinCorrect => ShardCount - MaxFaulty;

    /// <summary>n_p = n - 2f: rows of the message matrix, symbols per secondary sliver, primary slivers needed to decode.</summary>
    public int PrimarySourceSymbols { get; }

    /// <summary>n_s = n - f: columns of the message matrix, symbols per primary sliver, secondary slivers needed to decode.</summary>
    public int SecondarySourceSymbols { get; }

    /// <summary>n_p * n_s, the number of source symbols of a blob.</summary>
    public int SourceSymbolsPerBlob => PrimarySourceSymbols * SecondarySourceSymbols;

    /// <summary>The largest blob that can be encoded: n_p * n_s * 65534 bytes.</summary>
    public long MaxBlobSize => (long)SourceSymbolsPerBlob * MaxSymbolSize;

    /// <summary>The size of the metadata for one shard: n * 64 + 32 bytes.</summary>
    public long MetadataLength => ((long)ShardCount * 64) + 32;

    /// <summary>
    /// The largest sliver (a primary sliver of a maximal blob): n_s * 65534 bytes. Above 2 GiB from n = 49155 on, where
    /// such a sliver no longer fits one array (readers cap lengths at <see cref="Array.MaxLength"/> as well).
    /// </summary>
    public long MaxSliverSize => (long)SecondarySourceSymbols * MaxSymbolSize;

    /// <summary>The config for <paramref name="shardCount"/> shards.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shard count is below 4 or not supported by the codes.</exception>
    public static EncodingConfig Create(int shardCount)
    {
        if (!TryCreate(shardCount, out var config, out var error))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(shardCount), error);
        }

        return config;
    }

    /// <summary>The config for <paramref name="shardCount"/> shards, or an error naming the limit.</summary>
    public static bool TryCreate(int shardCount, [NotNullWhen(true)] out EncodingConfig? config, [NotNullWhen(false)] out string? error)
    {
        if (Cache.TryGetValue(shardCount, out config))
        {
            error = null;
            return true;
        }

        config = null;
        if (shardCount < MinShardCount)
        {
            error = $"RS2 needs at least {MinShardCount} shards; {shardCount} were given.";
            return false;
        }

        if (shardCount > MaxShardCount)
        {
            error = $"RS2 supports at most {MaxShardCount} shards; {shardCount} were given.";
            return false;
        }

        var candidate = new EncodingConfig(shardCount);
        if (!CodeSupported(candidate.PrimarySourceSymbols, shardCount - candidate.PrimarySourceSymbols)
            || !CodeSupported(candidate.SecondarySourceSymbols, shardCount - candidate.SecondarySourceSymbols))
        {
            error = $"The Reed-Solomon codes do not support {shardCount} shards.";
            return false;
        }

        config = Cache.GetOrAdd(shardCount, candidate);
        error = null;
        return true;
    }

    /// <summary>The symbol size for a blob of <paramref name="unencodedLength"/> bytes, or false if the blob is too large (docs/protocol.md §2).</summary>
    public bool TryGetSymbolSize(long unencodedLength, out int symbolSize)
    {
        if (unencodedLength < 0 || unencodedLength > MaxBlobSize)
        {
            symbolSize = 0;
            return false;
        }

        var length = Math.Max(unencodedLength, 1);
        var perSymbol = ((length - 1) / SourceSymbolsPerBlob) + 1;
        symbolSize = (int)(perSymbol + (perSymbol & 1));
        return symbolSize <= MaxSymbolSize;
    }

    /// <summary>The symbol size for a blob of <paramref name="unencodedLength"/> bytes (docs/protocol.md §2).</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="MaxBlobSize"/>.</exception>
    public int GetSymbolSize(long unencodedLength)
    {
        if (!TryGetSymbolSize(unencodedLength, out var symbolSize))
        {
            ThrowHelper.BlobTooLarge(unencodedLength, MaxBlobSize, ShardCount);
        }

        return symbolSize;
    }

    /// <summary>Whether a blob of this length can be encoded.</summary>
    public bool CanEncode(long unencodedLength) => TryGetSymbolSize(unencodedLength, out _);

    /// <summary>
    /// The encoded length used for storage resources and pricing: n * ((n_p + n_s) * S + n * 64 + 32) (docs/protocol.md §2), or false if
    /// the blob is too large.
    /// </summary>
    public bool TryGetEncodedLength(long unencodedLength, out long encodedLength)
    {
        if (!TryGetSymbolSize(unencodedLength, out var symbolSize))
        {
            encodedLength = 0;
            return false;
        }

        encodedLength = ShardCount * ((((long)PrimarySourceSymbols + SecondarySourceSymbols) * symbolSize) + MetadataLength);
        return true;
    }

    /// <summary>The encoded length (docs/protocol.md §2).</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="MaxBlobSize"/>.</exception>
    public long GetEncodedLength(long unencodedLength)
    {
        if (!TryGetEncodedLength(unencodedLength, out var encoded))
        {
            ThrowHelper.BlobTooLarge(unencodedLength, MaxBlobSize, ShardCount);
        }

        return encoded;
    }

    /// <summary>Symbols in a sliver of <paramref name="type"/>: n_s for primary, n_p for secondary.</summary>
    public int SymbolsPerSliver(SliverType type) => type == SliverType.Primary ? SecondarySourceSymbols : PrimarySourceSymbols;

    /// <summary>Symbols needed to recover a sliver of <paramref name="type"/> (docs/protocol.md §9): one per symbol of the sliver.</summary>
    public int SymbolsForRecovery(SliverType type) => SymbolsPerSliver(type);

    /// <summary>Slivers of <paramref name="type"/> needed to decode a blob (docs/protocol.md §9): n_p primary or n_s secondary.</summary>
    public int SliversForDecoding(SliverType type) => type == SliverType.Primary ? PrimarySourceSymbols : SecondarySourceSymbols;

    /// <summary>The byte length of a sliver of <paramref name="type"/> for a blob of <paramref name="unencodedLength"/> bytes.</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <see cref="MaxBlobSize"/>.</exception>
    public long SliverLength(SliverType type, long unencodedLength) => (long)SymbolsPerSliver(type) * GetSymbolSize(unencodedLength);

    public override string ToString() =>
        $"RS2 n={ShardCount} f={MaxFaulty} n_p={PrimarySourceSymbols} n_s={SecondarySourceSymbols}";

    /// <summary>The code of the columns (k = n_p): encodes secondary slivers to full columns; primary slivers decode with it.</summary>
    internal ReedSolomonEncoder PrimaryEncoder =>
        _primaryEncoder ??= new ReedSolomonEncoder(PrimarySourceSymbols, ShardCount - PrimarySourceSymbols);

    /// <summary>The code of the rows (k = n_s): encodes primary slivers to full rows.</summary>
    internal ReedSolomonEncoder SecondaryEncoder =>
        _secondaryEncoder ??= new ReedSolomonEncoder(SecondarySourceSymbols, ShardCount - SecondarySourceSymbols);

    internal ReedSolomonDecoder PrimaryDecoder =>
        _primaryDecoder ??= new ReedSolomonDecoder(PrimarySourceSymbols, ShardCount - PrimarySourceSymbols);

    internal ReedSolomonDecoder SecondaryDecoder =>
        _secondaryDecoder ??= new ReedSolomonDecoder(SecondarySourceSymbols, ShardCount - SecondarySourceSymbols);

    /// <summary>The encoder that expands a sliver of <paramref name="type"/> to n symbols (the orthogonal code).</summary>
    internal ReedSolomonEncoder ExpanderOf(SliverType type) => type == SliverType.Primary ? SecondaryEncoder : PrimaryEncoder;

    /// <summary>The decoder that rebuilds a sliver of <paramref name="type"/> from symbols of the other type.</summary>
    internal ReedSolomonDecoder DecoderOf(SliverType type) => type == SliverType.Primary ? SecondaryDecoder : PrimaryDecoder;

    /// <summary>reed-solomon-simd's supported-count rule (docs/protocol.md §4).</summary>
    private static bool CodeSupported(int originals, int recovery)
    {
        if (originals is <= 0 or > 65536 || recovery is <= 0 or > 65536)
        {
            return false;
        }

        var smaller = Math.Min(BitOperations.RoundUpToPowerOf2((uint)originals), BitOperations.RoundUpToPowerOf2((uint)recovery));
        return smaller + Math.Max(originals, recovery) <= 65536;
    }
}
