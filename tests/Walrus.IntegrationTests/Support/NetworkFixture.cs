using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.Testbed;
using Walrus.TestKit;
using Walrus.TestKit.Cluster;

namespace Walrus.IntegrationTests.Support;

/// <summary>
/// A whole network as <c>walrus testbed up</c> brings it up (its own anvil, the forge-deployed contracts, storage nodes as
/// processes, a funded wallet, client.json), in a fresh temporary folder, shared by the tests of one class. Epochs are
/// one hour and advance only when a test says so, unless <see cref="Options"/> says otherwise.
/// </summary>
public abstract class NetworkFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "walrus-it-" + Guid.NewGuid().ToString("N"));
    private LocalNetwork? _network;
    private PrivateKey? _wallet;
    private WalrusClient? _client;

    /// <summary>The network (its folder, client.json, nodes, chain).</summary>
    public LocalNetwork Network => _network ?? throw new InvalidOperationException("The network is not up.");

    /// <summary>The funded user wallet of the testbed.</summary>
    public PrivateKey Wallet => _wallet ?? throw new InvalidOperationException("The network is not up.");

    /// <summary>A client SDK instance paying with <see cref="Wallet"/>.</summary>
    public WalrusClient Client => _client ?? throw new InvalidOperationException("The network is not up.");

    /// <summary>What to bring up; the folder, the CLI and the repository are filled in.</summary>
    protected virtual LocalNetworkOptions Options => new()
    {
        Nodes = 4,
        Shards = 50,
        EpochDuration = TimeSpan.FromHours(1),
        DriveEpochs = false,
    };

    public async Task InitializeAsync()
    {
        try
        {
            _network = await LocalNetwork.StartAsync(Options with
            {
                Directory = _root,
                CliDll = NodeProcess.CliDll,
                RepositoryRoot = RepositoryPaths.Root,
            });
            _wallet = await KeyFile.ReadAsync(_network.WalletPath);
            _client = WalrusClient.Create(_network.RpcUrl, _network.Deployment, _wallet);
        }
        catch
        {
            // Leave no anvil or node process behind when the network cannot come up.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The end of every node's log (for failure messages).</summary>
    public string Logs() => _network is null ? "" : string.Join("\n", _network.Nodes.Select(n => $"--- {n.Name} (node {n.NodeId}) ---\n{n.Output}"));

    public virtual async Task DisposeAsync()
    {
        _client?.Dispose();
        _wallet?.Dispose();
        if (_network is { } network)
        {
            await network.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
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
