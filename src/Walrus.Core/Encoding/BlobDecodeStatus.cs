namespace Walrus.Core.Encoding;

/// <summary>The outcome of decoding a blob from slivers.</summary>
public enum BlobDecodeStatus
{
    /// <summary>The blob was decoded and passed the requested consistency check.</summary>
    Decoded,

    /// <summary>Fewer distinct slivers than needed: n_p primary or n_s secondary.</summary>
    NotEnoughSlivers,

    /// <summary>Slivers of both types, or a sliver whose index, symbol size or length does not fit the blob.</summary>
    InvalidSlivers,

    /// <summary>The consistency check failed: the blob was encoded inconsistently (Walrus reads it as "invalid blob").</summary>
    InconsistentBlob,

    /// <summary>The length is too large for the shard count, or the metadata is for another shard count.</summary>
    InvalidMetadata,
}
