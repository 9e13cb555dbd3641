namespace Walrus.Core.Encoding;

/// <summary>What to check after decoding a blob (docs/protocol.md §9, <c>ConsistencyCheckType</c>).</summary>
public enum ConsistencyCheck
{
    /// <summary>No check.</summary>
    Skip,

    /// <summary>Recompute the hash of every systematic primary sliver (rows 0..n_p-1) not already verified and compare it with the metadata.</summary>
    Default,

    /// <summary>Re-encode the whole blob and compare the blob id.</summary>
    Strict,
}
