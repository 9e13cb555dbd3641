using System.Numerics;
using Microsoft.Extensions.Logging.Abstractions;
using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.TestKit.Cluster;

namespace Walrus.Gateway.Tests;

/// <summary>
/// A real network (anvil, the contracts, four storage node processes, 10 shards) and a daemon (publisher and aggregator)
/// on a free loopback port, paying with the cluster's funded user.
/// </summary>
public sealed class GatewayCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new();

    public GatewayServer Server { get; private set; } = null!;

    public WalrusClient Client { get; private set; } = null!;

    public PrivateKey Wallet { get; } = TestCluster.User();

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        Client = new WalrusClient(Cluster.Chain, Wallet);
        Server = await StartAsync(new GatewayOptions { Publisher = true, Aggregator = true });
        Http = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Another gateway over the same network and wallet, with other options (port 0 unless given).</summary>
    public Task<GatewayServer> StartAsync(GatewayOptions options) =>
        GatewayServer.StartAsync(Client, Wallet, options with { BindAddress = options.BindAddress == new GatewayOptions().BindAddress ? "127.0.0.1:0" : options.BindAddress }, NullLoggerFactory.Instance);

    public async Task<BigInteger> BalanceAsync() => await Cluster.Chain.Wal.BalanceOfAsync(Wallet.Address);

    public static byte[] RandomBlob(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Client?.Dispose();
        Wallet.Dispose();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayClusterGroup : ICollectionFixture<GatewayCluster>
{
    public const string Name = "gateway";
}
