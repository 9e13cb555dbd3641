using Walrus.TestKit.Cluster;

namespace Walrus.Testbed.Tests;

/// <summary>The library entry point the demo uses: <see cref="LocalNetwork.StartAsync"/> in process, then dispose.</summary>
public sealed class LocalNetworkTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "walrus-localnet-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_gives_the_rpc_url_the_client_config_and_running_nodes_and_dispose_stops_them_all()
    {
        var network = await LocalNetwork.StartAsync(new LocalNetworkOptions
        {
            Directory = _directory,
            Shards = 10,
            EpochDuration = TimeSpan.FromHours(1),
            CliDll = NodeProcess.CliDll,
        });
        List<int> pids;
        await using (network)
        {
            Assert.False(network.Resumed);
            Assert.Equal(Path.Combine(_directory, "client.json"), network.ClientConfigPath);
            Assert.True(File.Exists(network.ClientConfigPath));
            Assert.Equal(LocalNetwork.ChainId, await network.Chain.Client.Eth.GetChainIdAsync(CancellationToken.None));
            Assert.Equal(new Uri(network.RpcUrl, "/"), network.RpcUrl);
            Assert.Equal(4, network.Nodes.Count);
            Assert.All(network.Nodes, n => Assert.True(n.IsRunning));
            Assert.Equal(10, network.Nodes.Sum(n => n.Shards.Count));
            pids = network.Nodes.Select(n => n.Pid!.Value).Append(network.AnvilPid!.Value).ToList();
        }

        Assert.All(pids, pid => Assert.False(TestbedProcess.IsAlive(pid), $"pid {pid} is still running"));
        Assert.Empty(TestbedProcess.ProcessesMentioning(_directory));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
