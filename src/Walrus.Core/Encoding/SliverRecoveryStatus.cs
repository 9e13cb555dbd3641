namespace Walrus.Core.Encoding;

/// <summary>The outcome of recovering a sliver from recovery symbols (docs/protocol.md §9).</summary>
public enum SliverRecoveryStatus
{
    /// <summary>The sliver was decoded and matches the metadata.</summary>
    Recovered,

    /// <summary>The decoded sliver does not match the metadata: the blob is inconsistent and a proof was built.</summary>
    Inconsistent,

    /// <summary>Fewer usable symbols than the sliver needs (distinct source indices of the right size).</summary>
    NotEnoughSymbols,

    /// <summary>The metadata does not fit the config (symbol size or shard count).</summary>
    InvalidMetadata,
}
