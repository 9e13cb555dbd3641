namespace Walrus.Core.Encoding;

/// <summary>What <see cref="StreamingBlobDecoder"/> did with a sliver.</summary>
public enum SliverAddResult
{
    /// <summary>Taken: written to the output (a systematic sliver) or held for decoding.</summary>
    Added,

    /// <summary>A sliver with this index was already taken; nothing changed.</summary>
    Duplicate,

    /// <summary>Enough slivers are in hand and this one (not systematic) would not shorten the decode; dropped.</summary>
    NotNeeded,

    /// <summary>The sliver does not verify against the metadata (see the verification result); dropped.</summary>
    Invalid,
}
