using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Xunit;

namespace Walrus.TestKit.Cluster;

/// <summary>
/// A real anvil with the real contracts (10 shards), and storage nodes as real processes: each configured with
/// <c>walrus node generate-config</c>, registered with <c>walrus node register</c> (owners: anvil accounts 1..N), then epoch 1
/// starts and the nodes are started with <c>walrus node run</c>. Anvil account 5 is a funded user.
/// </summary>
public sealed class TestCluster : IAsyncLifetime
{
    public const int Shards = 10;
    public const int EpochSeconds = 3600;
    public static readonly BigInteger Wal = 1_000_000_000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "walrus-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly List<NodeProcess> _nodes = [];
    private string _deploymentFile = "";

    public int NodeCount { get; init; } = 4;

    /// <summary>The system's shard count (default <see cref="Shards"/>); large blobs need more (10 shards hold at most ~1.75 MiB).</summary>
    public int ShardCount { get; init; } = Shards;

    public AnvilFixture Anvil { get; } = new();

    public WalrusDeployment Deployment { get; private set; } = null!;

    public WalrusChainClient Chain { get; private set; } = null!;

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public static PrivateKey User() => TestKeys.Anvil(5);

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // Leave no anvil or node process behind when the cluster cannot come up.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(_root);
        await Anvil.InitializeAsync();
        Deployment = await WalrusNetworkFixture.DeployAsync(Anvil, ShardCount, EpochSeconds);
        _deploymentFile = Path.Combine(_root, "deployment.json");
        await File.WriteAllTextAsync(_deploymentFile, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["chainId"] = Deployment.ChainId, ["deployBlock"] = Deployment.DeployBlock, ["epochDuration"] = Deployment.EpochDuration, ["nShards"] = Deployment.ShardCount,
            ["wal"] = Deployment.Wal.ToString(), ["directory"] = Deployment.Directory.ToString(), ["nodeRegistry"] = Deployment.NodeRegistry.ToString(),
            ["staking"] = Deployment.Staking.ToString(), ["stakedWal"] = Deployment.StakedWal.ToString(), ["system"] = Deployment.System.ToString(),
            ["storageResource"] = Deployment.StorageResource.ToString(), ["blobRegistry"] = Deployment.BlobRegistry.ToString(),
            ["slashing"] = Deployment.Slashing.ToString(), ["governance"] = Deployment.Governance.ToString(),
        }));
        Chain = new WalrusChainClient(new ContractClient(Anvil.NewSender()), Deployment);
        using var deployer = TestKeys.Anvil(0);
        var configs = new List<(string Config, int Port)>();
        for (var i = 0; i < NodeCount; i++)
        {
            var directory = Path.Combine(_root, "node" + i.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            using var owner = TestKeys.Anvil(i + 1);
            var ownerFile = Path.Combine(directory, "owner.json");
            await KeyFile.WriteAsync(ownerFile, owner);
            await Chain.Wal.TransferAsync(deployer, owner.Address, 2_000_000 * Wal);
            var port = FreePort();
            await NodeProcess.RunCliAsync("node", "generate-config", "--dir", directory, "--port", port.ToString(CultureInfo.InvariantCulture),
                "--rpc-url", Anvil.Endpoint.ToString(), "--deployment", _deploymentFile, "--name", "node-" + i.ToString(CultureInfo.InvariantCulture),
                "--owner-key-file", ownerFile);
            var config = Path.Combine(directory, "node-config.json");
            var output = await NodeProcess.RunCliAsync("node", "register", "--config", config, "--stake", "1000000");
            var nodeId = uint.Parse(output.Split("node id: ")[1].Trim(), CultureInfo.InvariantCulture);
            _nodes.Add(new NodeProcess(config, nodeId, "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)));
        }

        using (var user = User())
        {
            await Chain.Wal.TransferAsync(deployer, user.Address, 10_000_000 * Wal);
            await Chain.ApproveWalAsync(user, 10_000_000 * Wal);
        }

        await Chain.VotingEndAsync(deployer);
        await Chain.InitiateEpochChangeAsync(deployer);
        await Task.WhenAll(_nodes.Select(n => n.StartAsync()));
    }

    /// <summary>The node process of a node id.</summary>
    public NodeProcess Node(uint nodeId) => _nodes.Single(n => n.NodeId == nodeId);

    /// <summary>Everything the node processes printed (for failure messages).</summary>
    public string Logs() => string.Join("\n", _nodes.Select(n => $"--- node {n.NodeId} ---\n{n.Output}"));

    public Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        Anvil.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A node may still hold a file for a moment.
        }

        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
