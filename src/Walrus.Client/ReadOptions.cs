using Walrus.Core.Encoding;

namespace Walrus.Client;

/// <summary>How to read a blob.</summary>
public sealed record ReadOptions
{
    /// <summary>The consistency check after decoding (Walrus's default, <c>--strict-consistency-check</c>, <c>--skip-consistency-check</c>).</summary>
    public ConsistencyCheck Consistency { get; init; } = ConsistencyCheck.Default;

    /// <summary>Concurrent sliver requests. Default: the slivers a decode needs.</summary>
    public int? MaxConcurrency { get; init; }
}
