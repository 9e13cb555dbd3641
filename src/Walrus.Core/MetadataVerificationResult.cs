namespace Walrus.Core;

/// <summary>The outcome of verifying metadata against its blob id (docs/protocol.md §7).</summary>
public enum MetadataVerificationResult
{
    /// <summary>The metadata is consistent with the blob id for this shard count.</summary>
    Valid,

    /// <summary>The number of sliver-pair hashes differs from the shard count.</summary>
    InvalidHashCount,

    /// <summary>The unencoded length exceeds the maximum blob size for this shard count.</summary>
    UnencodedLengthTooLarge,

    /// <summary>The blob id recomputed from the metadata differs from the claimed one.</summary>
    BlobIdMismatch,
}
