namespace Walrus.Core.Merkle;

/// <summary>The outcome of checking a Merkle proof (docs/protocol.md §5).</summary>
public enum MerkleProofResult
{
    /// <summary>The proof leads from the leaf to the expected root.</summary>
    Valid,

    /// <summary>The path is longer than ceil(log2(leaf count)).</summary>
    PathTooLong,

    /// <summary>The leaf index does not fit in the path (index &gt;&gt; path length != 0).</summary>
    LeafIndexOutOfBounds,

    /// <summary>The recomputed root differs from the expected one.</summary>
    RootMismatch,
}
