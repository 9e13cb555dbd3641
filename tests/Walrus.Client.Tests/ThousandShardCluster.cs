using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>The 4-node process cluster with 1000 shards (Walrus mainnet's count), where a quilt holds up to 666 patches.</summary>
public sealed class ThousandShardCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new() { ShardCount = 1000 };

    public Task InitializeAsync() => Cluster.InitializeAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync();
}
