namespace Walrus.Core.Encoding;

/// <summary>The outcome of checking a sliver against blob metadata (docs/protocol.md §8, <c>SliverData::verify</c>).</summary>
public enum SliverVerificationResult
{
    /// <summary>The sliver is authentic.</summary>
    Valid,

    /// <summary>The sliver index is not below the number of shards of the metadata.</summary>
    IndexTooLarge,

    /// <summary>The sliver's byte length is not symbols-per-sliver x the blob's symbol size.</summary>
    SliverSizeMismatch,

    /// <summary>The sliver's symbol size is not the blob's (or the blob is too large for the config).</summary>
    SymbolSizeMismatch,

    /// <summary>The Merkle root over the expanded sliver differs from the hash in the metadata.</summary>
    MerkleRootMismatch,

    /// <summary>The metadata is not for the config's shard count (it has no hash for this sliver).</summary>
    InvalidMetadata,
}
