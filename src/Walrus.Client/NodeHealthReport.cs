using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>One storage node's health: what it answered on its health endpoint, or why it did not (<see cref="Error"/>).</summary>
public sealed record NodeHealthReport(uint? NodeId, string? Name, string NetworkAddress, NodeHealth? Health, string? Error)
{
    /// <summary>Whether the node answered.</summary>
    public bool Answered => Health is not null;
}
