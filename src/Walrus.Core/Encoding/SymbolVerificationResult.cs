namespace Walrus.Core.Encoding;

/// <summary>The outcome of checking a recovery symbol against blob metadata (docs/protocol.md §8).</summary>
public enum SymbolVerificationResult
{
    /// <summary>The symbol belongs to the committed source sliver at the target position.</summary>
    Valid,

    /// <summary>The source or target index is not below the shard count.</summary>
    IndexTooLarge,

    /// <summary>The symbol is not the blob's symbol size (or the blob is too large for the config).</summary>
    SymbolSizeMismatch,

    /// <summary>The symbol cannot be used to recover the requested sliver.</summary>
    SymbolNotUsable,

    /// <summary>The metadata has no hash for the source sliver.</summary>
    InvalidMetadata,

    /// <summary>The Merkle proof does not lead to the source sliver's hash.</summary>
    InvalidProof,
}
