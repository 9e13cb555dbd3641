using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;
using Walrus.Core.Encoding;

namespace Walrus.Core;

/// <summary>
/// A blob id with its metadata (docs/protocol.md §7): what <c>GET /v1/blobs/{id}/metadata</c> returns. BCS: the 32 id bytes,
/// then <see cref="BlobMetadata"/>.
/// </summary>
public sealed class BlobMetadataWithId : IEquatable<BlobMetadataWithId>
{
    public BlobMetadataWithId(BlobId blobId, BlobMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        BlobId = blobId;
        Metadata = metadata;
    }

    /// <summary>The claimed blob id.</summary>
    public BlobId BlobId { get; }

    /// <summary>The metadata.</summary>
    public BlobMetadata Metadata { get; }

    /// <summary>Metadata with the blob id derived from it (consistent by construction).</summary>
    public static BlobMetadataWithId FromMetadata(BlobMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new BlobMetadataWithId(metadata.ComputeBlobId(), metadata);
    }

    /// <summary>
    /// The three checks of <c>UnverifiedBlobMetadataWithId::verify</c>: one hash per shard, a length the config can
    /// encode, and the blob id recomputed from the metadata equals the claimed one.
    /// </summary>
    public MetadataVerificationResult Verify(EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Metadata.ShardCount != config.ShardCount)
        {
            return MetadataVerificationResult.InvalidHashCount;
        }

        if (Metadata.UnencodedLength > (ulong)config.MaxBlobSize)
        {
            return MetadataVerificationResult.UnencodedLengthTooLarge;
        }

        return Metadata.ComputeBlobId() == BlobId ? MetadataVerificationResult.Valid : MetadataVerificationResult.BlobIdMismatch;
    }

    /// <summary>Writes the BCS form.</summary>
    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBlobId(BlobId);
        Metadata.WriteBcs(writer);
    }

    /// <summary>The BCS form.</summary>
    public byte[] ToBcs()
    {
        var writer = new BcsWriter(48 + (Metadata.ShardCount * 66));
        WriteBcs(writer);
        return writer.ToArray();
    }

    /// <summary>Reads the BCS form.</summary>
    public static bool TryReadBcs(ref BcsReader reader, [NotNullWhen(true)] out BlobMetadataWithId? value, int maxShardCount = EncodingConfig.MaxShardCount)
    {
        value = null;
        if (!reader.TryReadBlobId(out var id) || !BlobMetadata.TryReadBcs(ref reader, out var metadata, maxShardCount))
        {
            return false;
        }

        value = new BlobMetadataWithId(id, metadata);
        return true;
    }

    /// <summary>Decodes the BCS form, which must be consumed entirely.</summary>
    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out BlobMetadataWithId? value, [NotNullWhen(false)] out string? error, int maxShardCount = EncodingConfig.MaxShardCount)
    {
        var reader = new BcsReader(bytes);
        if (TryReadBcs(ref reader, out value, maxShardCount) && reader.TryFinish())
        {
            error = null;
            return true;
        }

        value = null;
        error = reader.Error ?? "invalid blob metadata";
        return false;
    }

    public bool Equals(BlobMetadataWithId? other) => other is not null && BlobId == other.BlobId && Metadata.Equals(other.Metadata);

    public override bool Equals(object? obj) => Equals(obj as BlobMetadataWithId);

    public override int GetHashCode() => BlobId.GetHashCode();
}
