using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;
using Walrus.Core.Encoding;
using Walrus.Core.Merkle;

namespace Walrus.Core;

/// <summary>
/// Metadata of a blob (docs/protocol.md §7), version 1: encoding type, unencoded length and one
/// <see cref="SliverPairMetadata"/> per shard. BCS: enum <c>BlobMetadata::V1</c> (variant 0) of
/// { encoding_type: enum (RS2 = 1), unencoded_length: u64, hashes: vector of (Node, Node) }.
/// </summary>
public sealed class BlobMetadata : IEquatable<BlobMetadata>
{
    private readonly SliverPairMetadata[] _hashes;

    /// <summary>Metadata from its parts (the hashes are copied).</summary>
    public BlobMetadata(EncodingType encodingType, ulong unencodedLength, ReadOnlySpan<SliverPairMetadata> hashes)
        : this(encodingType, unencodedLength, hashes.ToArray())
    {
    }

    internal BlobMetadata(EncodingType encodingType, ulong unencodedLength, SliverPairMetadata[] hashes)
    {
        EncodingType = encodingType;
        UnencodedLength = unencodedLength;
        _hashes = hashes;
    }

    /// <summary>The encoding type.</summary>
    public EncodingType EncodingType { get; }

    /// <summary>The length of the blob before encoding.</summary>
    public ulong UnencodedLength { get; }

    /// <summary>The sliver-pair hashes, indexed by pair.</summary>
    public ReadOnlySpan<SliverPairMetadata> Hashes => _hashes;

    /// <summary>The number of shards the blob was encoded for (the number of hashes).</summary>
    public int ShardCount => _hashes.Length;

    /// <summary>The hash of the sliver of <paramref name="type"/> in pair <paramref name="pair"/>.</summary>
    public MerkleNode GetSliverHash(SliverPairIndex pair, SliverType type)
    {
        SliverIndex.CheckRange(pair.Value, _hashes.Length);
        return _hashes[pair.Value].Hash(type);
    }

    /// <summary>The symbol size of the blob under <paramref name="config"/>, or false if the length is too large.</summary>
    public bool TryGetSymbolSize(EncodingConfig config, out int symbolSize)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (UnencodedLength > long.MaxValue)
        {
            symbolSize = 0;
            return false;
        }

        return config.TryGetSymbolSize((long)UnencodedLength, out symbolSize);
    }

    /// <summary>The root of the Merkle tree over the 64-byte pair leaves (docs/protocol.md §6).</summary>
    public MerkleNode ComputeRootHash()
    {
        var leaves = new byte[_hashes.Length * 64];
        for (var p = 0; p < _hashes.Length; p++)
        {
            _hashes[p].WriteLeafInput(leaves.AsSpan(p * 64, 64));
        }

        return MerkleTree.Build(leaves, 64, _hashes.Length).Root;
    }

    /// <summary>The blob id derived from this metadata (docs/protocol.md §6).</summary>
    public BlobId ComputeBlobId() => BlobId.Derive(EncodingType, UnencodedLength, ComputeRootHash());

    /// <summary>Writes the BCS form.</summary>
    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVariant(0);
        writer.WriteVariant((uint)EncodingType);
        writer.WriteU64(UnencodedLength);
        writer.WriteLength(_hashes.Length);
        foreach (var pair in _hashes)
        {
            writer.WriteNode(pair.PrimaryHash);
            writer.WriteNode(pair.SecondaryHash);
        }
    }

    /// <summary>The BCS form (what <c>PUT /v1/blobs/{id}/metadata</c> takes).</summary>
    public byte[] ToBcs()
    {
        var writer = new BcsWriter(16 + (_hashes.Length * 66));
        WriteBcs(writer);
        return writer.ToArray();
    }

    /// <summary>Reads the BCS form; refuses more than <paramref name="maxShardCount"/> hashes before allocating.</summary>
    public static bool TryReadBcs(ref BcsReader reader, [NotNullWhen(true)] out BlobMetadata? metadata, int maxShardCount = EncodingConfig.MaxShardCount)
    {
        metadata = null;
        if (!reader.TryReadVariant(out var version) || version != 0)
        {
            return reader.Fail("unknown blob metadata version");
        }

        if (!reader.TryReadVariant(out var encoding) || encoding != (uint)EncodingType.RS2)
        {
            return reader.Fail("unsupported encoding type");
        }

        // Each pair takes at least two bytes (two Empty nodes).
        if (!reader.TryReadU64(out var length) || !reader.TryReadLength(maxShardCount, 2, out var count))
        {
            return false;
        }

        var hashes = new SliverPairMetadata[count];
        for (var p = 0; p < count; p++)
        {
            if (!reader.TryReadNode(out var primary) || !reader.TryReadNode(out var secondary))
            {
                return false;
            }

            hashes[p] = new SliverPairMetadata(primary, secondary);
        }

        metadata = new BlobMetadata(EncodingType.RS2, length, hashes);
        return true;
    }

    /// <summary>Decodes the BCS form, which must be consumed entirely.</summary>
    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out BlobMetadata? metadata, [NotNullWhen(false)] out string? error, int maxShardCount = EncodingConfig.MaxShardCount)
    {
        var reader = new BcsReader(bytes);
        if (TryReadBcs(ref reader, out metadata, maxShardCount) && reader.TryFinish())
        {
            error = null;
            return true;
        }

        metadata = null;
        error = reader.Error ?? "invalid blob metadata";
        return false;
    }

    public bool Equals(BlobMetadata? other) =>
        other is not null
        && EncodingType == other.EncodingType
        && UnencodedLength == other.UnencodedLength
        && _hashes.AsSpan().SequenceEqual(other._hashes);

    public override bool Equals(object? obj) => Equals(obj as BlobMetadata);

    public override int GetHashCode() => HashCode.Combine(EncodingType, UnencodedLength, _hashes.Length);
}
