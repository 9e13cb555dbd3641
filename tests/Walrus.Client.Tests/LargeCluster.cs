using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>The 4-node process cluster with 100 shards, so that a 50 MiB blob fits (10 shards hold at most ~1.75 MiB).</summary>
public sealed class LargeCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new() { ShardCount = 100 };

    public Task InitializeAsync() => Cluster.InitializeAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync();
}
