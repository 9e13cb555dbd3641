using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Testbed;
using Xunit;

namespace Walrus.TestKit.Cluster;

/// <summary>
/// A real anvil with the real contracts (10 shards, one-hour epochs that only tests advance), and storage nodes as real
/// processes, brought up by the testbed (<see cref="LocalNetwork"/>: the same bring-up as <c>walrus testbed up</c>) on this
/// fixture's anvil; epoch 1 is started. Anvil account 5 is a funded user.
/// </summary>
public sealed class TestCluster : IAsyncLifetime
{
    public const int Shards = 10;
    public const int EpochSeconds = 3600;
    public static readonly BigInteger Wal = 1_000_000_000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "walrus-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly List<NodeProcess> _nodes = [];
    private LocalNetwork? _network;

    public int NodeCount { get; init; } = 4;

    /// <summary>The system's shard count (default <see cref="Shards"/>); large blobs need more (10 shards hold at most ~1.75 MiB).</summary>
    public int ShardCount { get; init; } = Shards;

    public AnvilFixture Anvil { get; } = new();

    public WalrusDeployment Deployment { get; private set; } = null!;

    public WalrusChainClient Chain { get; private set; } = null!;

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>The testbed behind the cluster (its folder, client.json, testbed.json).</summary>
    public LocalNetwork Network => _network ?? throw new InvalidOperationException("The cluster is not started.");

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
        await Anvil.InitializeAsync();
        _network = await LocalNetwork.StartAsync(new LocalNetworkOptions
        {
            Directory = _root,
            Nodes = NodeCount,
            Shards = ShardCount,
            EpochDuration = TimeSpan.FromSeconds(EpochSeconds),
            DriveEpochs = false,
            ExistingChain = Anvil.Endpoint,
            CliDll = NodeProcess.CliDll,
            RepositoryRoot = RepositoryPaths.Root,
        });
        Deployment = _network.Deployment;
        Chain = new WalrusChainClient(new ContractClient(Anvil.NewSender()), Deployment);
        _nodes.AddRange(_network.Nodes.Select(n => new NodeProcess(n)));
        using var deployer = TestKeys.Anvil(0);
        using var user = User();
        await Chain.Wal.TransferAsync(deployer, user.Address, 10_000_000 * Wal);
        await Chain.ApproveWalAsync(user, 10_000_000 * Wal);
    }

    /// <summary>The node process of a node id.</summary>
    public NodeProcess Node(uint nodeId) => _nodes.Single(n => n.NodeId == nodeId);

    /// <summary>
    /// One full epoch change, driven by the test: half an epoch, voting end, half an epoch, epoch change; then waits (up to
    /// two minutes) until the node processes attest sync.
    /// </summary>
    public async Task AdvanceEpochAsync()
    {
        var (before, _) = await Chain.GetEpochAsync();
        using (var deployer = TestKeys.Anvil(0))
        {
            await Anvil.IncreaseTimeAsync(TimeSpan.FromSeconds(EpochSeconds / 2));
            await Chain.VotingEndAsync(deployer);
            await Anvil.IncreaseTimeAsync(TimeSpan.FromSeconds(EpochSeconds / 2));
            await Chain.InitiateEpochChangeAsync(deployer);
        }

        await Poll.UntilAsync(async () => await Chain.GetEpochAsync() is var (e, s) && e.Value == before.Value + 1 && s == EpochState.EpochChangeDone,
            TimeSpan.FromMinutes(2), () => "the nodes did not attest epoch sync\n" + Logs());
    }

    /// <summary>Everything the node processes printed (for failure messages).</summary>
    public string Logs() => string.Join("\n", _nodes.Select(n => $"--- node {n.NodeId} ---\n{n.Output}"));

    public async Task DisposeAsync()
    {
        if (_network is { } network)
        {
            await network.DisposeAsync();
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
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
