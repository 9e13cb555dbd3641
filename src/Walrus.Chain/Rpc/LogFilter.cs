namespace Walrus.Chain.Rpc;

/// <summary>
/// An eth_getLogs filter over an inclusive block range. <see cref="Topics"/> has one entry per topic
/// position: null matches anything, otherwise any of the listed values.
/// </summary>
public sealed record LogFilter(ulong FromBlock, ulong ToBlock)
{
    /// <summary>Contracts whose logs to return; empty for all.</summary>
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    /// <summary>Topic filters by position.</summary>
    public IReadOnlyList<IReadOnlyList<Hash256>?> Topics { get; init; } = [];
}
