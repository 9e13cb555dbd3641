using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>What registering a blob takes: its id, Merkle root, unencoded size, encoding type (1 = RS2) and deletability.</summary>
public sealed record BlobRegistration(BlobId BlobId, Hash256 RootHash, ulong Size, byte EncodingType, bool Deletable)
{
    /// <summary>The registration of a blob that Core encoded: its id, root hash, size and encoding type from the metadata.</summary>
    public static BlobRegistration From(BlobMetadataWithId metadata, bool deletable)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new BlobRegistration(metadata.BlobId, metadata.Metadata.ComputeRootHash().ToHash256(), metadata.Metadata.UnencodedLength,
            (byte)metadata.Metadata.EncodingType, deletable);
    }
}
