using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>Storage nodes' health endpoints.</summary>
public sealed partial class WalrusClient
{
    /// <summary>How long a node may take to answer its health endpoint by default.</summary>
    public static readonly TimeSpan DefaultHealthTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long one node may take to answer its health endpoint before it counts as not answering.</summary>
    public TimeSpan HealthTimeout { get; init; } = DefaultHealthTimeout;

    /// <summary>The health of the node at <paramref name="networkAddress"/> without a client (no chain needed): a failure is reported, not thrown.</summary>
    public static Task<NodeHealthReport> GetNodeHealthAsync(HttpClient http, string networkAddress, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(networkAddress);
        return AskHealthAsync(new NodeClient(http, networkAddress), null, null, timeout, cancellationToken);
    }

    /// <summary>The health of the node at <paramref name="networkAddress"/> (<c>host:port</c> or a URL).</summary>
    public async Task<NodeHealthReport> GetNodeHealthAsync(string networkAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(networkAddress);
        return await AskHealthAsync(Node(networkAddress), null, null, HealthTimeout, cancellationToken);
    }

    /// <summary>The health of every member of the current committee, asked in parallel, ascending by node id.</summary>
    public async Task<IReadOnlyList<NodeHealthReport>> GetCommitteeHealthAsync(CancellationToken cancellationToken = default)
    {
        var committee = await GetCommitteeAsync(cancellationToken);
        return await Task.WhenAll(committee.Members.Select(m => AskHealthAsync(Node(m.NetworkAddress), m.NodeId, m.Name, HealthTimeout, cancellationToken)));
    }

    private static async Task<NodeHealthReport> AskHealthAsync(NodeClient node, uint? nodeId, string? name, TimeSpan limit, CancellationToken cancellationToken)
    {
        var networkAddress = node.Address;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            NodeHealth health = await node.GetHealthAsync(timeout.Token);
            return new NodeHealthReport(nodeId ?? (health.NodeId == 0 ? null : health.NodeId), name, networkAddress, health, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new NodeHealthReport(nodeId, name, networkAddress, null, $"no answer within {limit.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or NodeApiException or UriFormatException)
        {
            return new NodeHealthReport(nodeId, name, networkAddress, null, e.Message.ReplaceLineEndings(" "));
        }
    }
}
