using System.Globalization;
using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Chain.Services;
using Walrus.Chain.Transactions;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Node;

namespace Walrus.Testbed;

/// <summary>
/// A whole Walrus network on this machine: anvil (its own process, state kept in the folder), the contracts deployed
/// with their forge script, N storage nodes (keys in 0600 files, configs as <c>walrus node generate-config</c> writes
/// them, registered and staked as <c>walrus node register</c> does, each its own <c>walrus node run</c> process), the
/// first committee started, a user wallet funded with WAL and approved for payments, and client.json + testbed.json.
/// <see cref="StartAsync"/> on a folder that already holds a network resumes it with its data.
/// <see cref="DisposeAsync"/> stops every process it started.
/// </summary>
public sealed partial class LocalNetwork : IAsyncDisposable
{
    /// <summary>Anvil's chain id.</summary>
    public const ulong ChainId = 31337;

    /// <summary>One WAL in FROST.</summary>
    public static readonly BigInteger Wal = 1_000_000_000;

    // Anvil's first default account (public knowledge: anvil prints it at start). The deploy script sends all WAL to it.
    internal const string DeployerKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private readonly LocalNetworkOptions _options;
    private readonly List<TestbedNode> _nodes = [];
    private readonly Lock _nodesLock = new();
    private readonly SemaphoreSlim _stateWrite = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private ChildProcess? _anvil;
    private JsonRpcClient? _rpc;
    private Task? _epochDriver;
    private int _anvilPort;
    private bool _stopped;

    private LocalNetwork(LocalNetworkOptions options, string directory)
    {
        _options = options;
        Directory = directory;
    }

    /// <summary>The network's folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The chain's JSON-RPC endpoint.</summary>
    public Uri RpcUrl { get; private set; } = null!;

    /// <summary>DIR/client.json: {"rpcUrl", "deployment", "wallet"} for the CLI's client.</summary>
    public string ClientConfigPath => Path.Combine(Directory, TestbedFiles.ClientFile);

    /// <summary>DIR/testbed.json: rpcUrl, gatewayUrl, pids, and the nodes (name, url, pid, shards, byzantine).</summary>
    public string TestbedFilePath => Path.Combine(Directory, TestbedFiles.TestbedFile);

    /// <summary>DIR/deployment.json: the contract addresses.</summary>
    public string DeploymentPath => Path.Combine(Directory, TestbedFiles.DeploymentFile);

    /// <summary>DIR/wallet.json: the funded user's key file (0600).</summary>
    public string WalletPath => Path.Combine(Directory, TestbedFiles.WalletFile);

    /// <summary>The deployed contracts.</summary>
    public WalrusDeployment Deployment { get; private set; } = null!;

    /// <summary>The contracts' service API, sending from a fresh nonce manager.</summary>
    public WalrusChainClient Chain { get; private set; } = null!;

    /// <summary>The storage nodes, in registration order (a snapshot: nodes join and leave while the network runs).</summary>
    public IReadOnlyList<TestbedNode> Nodes
    {
        get
        {
            lock (_nodesLock)
            {
                return [.. _nodes];
            }
        }
    }

    /// <summary>Whether this start resumed a network that the folder already held.</summary>
    public bool Resumed { get; private set; }

    /// <summary>The anvil process id (null when the chain is not the testbed's own).</summary>
    public int? AnvilPid => _anvil is { HasExited: false } anvil ? anvil.Id : null;

    /// <summary>The end of anvil's log.</summary>
    public string AnvilOutput => ChildProcess.ReadLogFile(Path.Combine(Directory, TestbedFiles.AnvilLogFile), 64 * 1024);

    /// <summary>Brings the network up (or resumes the one in the folder); on failure stops whatever it started.</summary>
    public static async Task<LocalNetwork> StartAsync(LocalNetworkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.Directory))
        {
            throw new ArgumentException("LocalNetworkOptions.Directory is required.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.CliDll) && System.Reflection.Assembly.GetEntryAssembly()?.Location is { } entry
            && Path.GetFileName(entry) == "walrus.dll")
        {
            options = options with { CliDll = entry };
        }

        if (string.IsNullOrEmpty(options.CliDll) || !File.Exists(options.CliDll))
        {
            throw new ArgumentException($"LocalNetworkOptions.CliDll ({options.CliDll}) must be the built walrus.dll.", nameof(options));
        }

        if (options.Byzantine < 0 || options.Byzantine > options.Nodes)
        {
            throw new ArgumentException($"--byzantine {options.Byzantine}: between 0 and the number of nodes ({options.Nodes}).", nameof(options));
        }

        if (options.Nodes < 1 || options.Shards < options.Nodes)
        {
            throw new ArgumentException($"Need at least one node and at least as many shards as nodes ({options.Nodes} nodes, {options.Shards} shards).", nameof(options));
        }

        var network = new LocalNetwork(options, Path.GetFullPath(options.Directory));
        try
        {
            await network.BringUpAsync(cancellationToken);
            return network;
        }
        catch
        {
            await network.StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Reads the current committee and records each node's shards (also in testbed.json).</summary>
    public async Task RefreshShardsAsync(CancellationToken cancellationToken = default)
    {
        var (epoch, _) = await Chain.GetEpochAsync(cancellationToken);
        var committee = await Chain.GetCommitteeAsync(epoch, cancellationToken);
        foreach (var node in Nodes)
        {
            node.Shards = committee.Members.FirstOrDefault(m => m.NodeId == node.NodeId)?.Shards.Select(s => (int)s.Value).ToList() ?? [];
        }

        await WriteStateAsync(cancellationToken);
    }

    /// <summary>Stops the nodes (SIGTERM, then SIGKILL) and anvil (SIGTERM: it dumps its state), and clears the pids in testbed.json.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        if (_epochDriver is { } driver)
        {
            try
            {
                await driver;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        await StopControlAsync();
        await StopGatewayAsync(cancellationToken);
        await Task.WhenAll(Nodes.Select(n => n.StopAsync(cancellationToken)));
        if (_anvil is { } anvil)
        {
            await anvil.StopAsync(TimeSpan.FromSeconds(20), cancellationToken);
            anvil.Dispose();
        }

        if (File.Exists(TestbedFilePath) && Deployment is not null)
        {
            await WriteStateAsync(cancellationToken, running: false);
        }

        foreach (var node in Nodes)
        {
            node.Dispose();
        }

        _rpc?.Dispose();
        _stop.Dispose();
        _stateWrite.Dispose();
    }

    /// <summary>Stops everything.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task BringUpAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var repository = Repository.Find(_options.RepositoryRoot, Path.GetDirectoryName(Path.GetFullPath(_options.CliDll))!, Environment.CurrentDirectory);
        TestbedFiles.State? previous = null;
        if (File.Exists(TestbedFilePath) && File.Exists(DeploymentPath))
        {
            previous = TestbedFiles.ParseState(await File.ReadAllTextAsync(TestbedFilePath, cancellationToken));
            if (previous.Pid is { } pid && pid != Environment.ProcessId && ProcessSignals.IsAlive(pid))
            {
                throw new InvalidOperationException($"The testbed in {Directory} is running (pid {pid}); stop it with `walrus testbed down --dir {Directory}` first.");
            }

            if (_options.ExistingChain is not null)
            {
                throw new InvalidOperationException("Resuming a testbed needs its own anvil (its state is in the folder); ExistingChain cannot resume.");
            }

            Resumed = true;
        }

        await StartChainAsync(repository, previous, cancellationToken);
        if (previous is null)
        {
            Deployment = await Forge.DeployAsync(repository, RpcUrl, DeployerKey, _options.Shards, _options.EpochDuration, DeploymentPath, cancellationToken);
        }
        else
        {
            Deployment = await WalrusDeployment.LoadAsync(DeploymentPath, cancellationToken);
        }

        Chain = new WalrusChainClient(new ContractClient(new TransactionSender(new EthClient(_rpc!),
            new TransactionSenderOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20) })), Deployment);
        if (previous is null)
        {
            await CreateNodesAsync(cancellationToken);
            using var deployer = PrivateKey.FromHex(DeployerKey);
            await Chain.VotingEndAsync(deployer, cancellationToken);
            await Chain.InitiateEpochChangeAsync(deployer, cancellationToken);
        }
        else
        {
            foreach (var entry in previous.Nodes)
            {
                _nodes.Add(NewNode(entry.Name, entry.NodeId, entry.Port, entry.Config, entry.ProxyPort));
            }
        }

        await Task.WhenAll(_nodes.Select(n => n.StartAsync(cancellationToken)));
        if (previous is null)
        {
            await CreateWalletAsync(cancellationToken);
        }

        await TestbedFiles.WriteAtomicallyAsync(ClientConfigPath, TestbedFiles.FormatClientConfig(RpcUrl, DeploymentPath, WalletPath), cancellationToken);
        if (_options.Gateway)
        {
            await StartGatewayAsync(previous, cancellationToken);
        }

        if (_options.Control)
        {
            StartControl();
        }

        await RefreshShardsAsync(cancellationToken);
        if (_options.DriveEpochs)
        {
            _epochDriver = Task.Run(() => DriveEpochsAsync(_stop.Token), CancellationToken.None);
        }
    }

    private async Task StartChainAsync(Repository repository, TestbedFiles.State? previous, CancellationToken cancellationToken)
    {
        if (_options.ExistingChain is { } existing)
        {
            RpcUrl = existing;
            _rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = RpcUrl, RequestTimeout = TimeSpan.FromSeconds(30) });
            return;
        }

        _anvilPort = previous?.AnvilPort ?? (_options.BasePort > 0 ? _options.BasePort : FreePort());
        RpcUrl = new Uri("http://127.0.0.1:" + _anvilPort.ToString(CultureInfo.InvariantCulture));
        _anvil = ChildProcess.Start(repository.Anvil,
        [
            "--host", "127.0.0.1", "--port", _anvilPort.ToString(CultureInfo.InvariantCulture), "--chain-id", ChainId.ToString(CultureInfo.InvariantCulture),
            "--gas-limit", "100000000", "--code-size-limit", "100000",
            // Loaded at start if present, dumped on SIGTERM and every 5 s (a killed testbed loses at most that much).
            "--state", Path.Combine(Directory, TestbedFiles.AnvilStateFile), "--state-interval", "5",
        ], Path.Combine(Directory, TestbedFiles.AnvilLogFile));
        _rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = RpcUrl, MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(30) });
        var eth = new EthClient(_rpc);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (_anvil.HasExited)
            {
                throw new InvalidOperationException($"anvil exited ({_anvil.ExitCode}) on port {_anvilPort}:\n{AnvilOutput}");
            }

            try
            {
                if (await eth.GetChainIdAsync(cancellationToken) == ChainId)
                {
                    return;
                }
            }
            catch (RpcTransportException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"anvil did not answer on {RpcUrl} within 60 s:\n{AnvilOutput}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private TestbedNode NewNode(string name, uint nodeId, int port, string config, int? proxyPort = null)
    {
        var url = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        Func<CancellationToken, Task<ByzantineProxy>>? startProxy = proxyPort is { } proxy
            ? async token =>
            {
                var signing = await KeyFile.ReadAsync(NodeConfigFile.Read(config).SigningKeyFile, token);
                var signer = new NodeSigner(signing, ChainId, Deployment.BlobRegistry);
                try
                {
                    return await ByzantineProxy.StartAsync(proxy, url, _options.ByzantineBehaviour, signer, token);
                }
                catch
                {
                    signer.Dispose();
                    throw;
                }
            }
            : null;
        return new(name, nodeId, port, config, Path.GetFullPath(_options.CliDll), _options.NodeLogLevel, _options.NodeStartTimeout, proxyPort, startProxy);
    }

    private async Task CreateNodesAsync(CancellationToken cancellationToken)
    {
        using var deployer = PrivateKey.FromHex(DeployerKey);
        var stake = _options.StakePerNode * Wal;
        var configs = new List<(string Name, int Port, int? ProxyPort, string Config)>();
        for (var i = 0; i < _options.Nodes; i++)
        {
            var name = "node-" + i.ToString(CultureInfo.InvariantCulture);
            var port = _options.BasePort > 0 ? _options.BasePort + 1 + i : FreePort();

            // The last K nodes are Byzantine: their registered address is their proxy's (ports after the nodes' with --base-port).
            var byzantine = i >= _options.Nodes - _options.Byzantine;
            int? proxyPort = !byzantine ? null : _options.BasePort > 0 ? _options.BasePort + 1 + _options.Nodes + i : FreePort();
            var config = await WriteNodeConfigAsync(Path.Combine(Directory, "nodes", name), name, port, proxyPort ?? port, cancellationToken);
            using var owner = await KeyFile.ReadAsync(NodeConfigFile.Read(config).OwnerKeyFile, cancellationToken);
            await FundAsync(deployer, owner.Address, stake, cancellationToken);
            configs.Add((name, port, proxyPort, config));
        }

        // Registrations come from different owners (own nonces), so they run side by side.
        var ids = await Task.WhenAll(configs.Select(c => RegisterAsync(c.Config, stake, cancellationToken)));
        for (var i = 0; i < configs.Count; i++)
        {
            _nodes.Add(NewNode(configs[i].Name, ids[i], configs[i].Port, configs[i].Config, configs[i].ProxyPort));
        }
    }

    /// <summary>What <c>walrus node generate-config</c> writes: node-config.json and new signing and owner keys in 0600 files.</summary>
    private async Task<string> WriteNodeConfigAsync(string directory, string name, int port, int publicPort, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        var options = new StorageNodeOptions
        {
            DataDirectory = "data",
            Port = port,
            PublicAddress = "127.0.0.1:" + publicPort.ToString(CultureInfo.InvariantCulture),
            RpcEndpoint = RpcUrl.ToString(),
            DeploymentFile = DeploymentPath,
            Name = name,
            SigningKeyFile = "signing-key.json",
            OwnerKeyFile = "owner-key.json",
        };
        using (var signing = PrivateKey.Generate())
        {
            await KeyFile.WriteAsync(Path.Combine(directory, options.SigningKeyFile), signing, cancellationToken);
        }

        using (var owner = PrivateKey.Generate())
        {
            await KeyFile.WriteAsync(Path.Combine(directory, options.OwnerKeyFile), owner, cancellationToken);
        }

        var path = Path.Combine(directory, "node-config.json");
        await File.WriteAllTextAsync(path, NodeConfigFile.Format(options), cancellationToken);
        return path;
    }

    /// <summary>What <c>walrus node register --stake S</c> does: registration with proof of possession, then the stake.</summary>
    private static async Task<uint> RegisterAsync(string config, BigInteger stake, CancellationToken cancellationToken)
    {
        var options = NodeConfigFile.Read(config);
        using var signing = await KeyFile.ReadAsync(options.SigningKeyFile, cancellationToken);
        using var owner = await KeyFile.ReadAsync(options.OwnerKeyFile, cancellationToken);
        using var chain = await NodeChainClient.ConnectAsync(new Uri(options.RpcEndpoint), options.DeploymentFile, cancellationToken);
        return await chain.RegisterNodeAsync(owner, signing,
            new NodeRegistration(options.Name, options.PublicAddress, 1000, 1000, 2000, 1UL << 40), stake, cancellationToken);
    }

    private async Task CreateWalletAsync(CancellationToken cancellationToken)
    {
        using var deployer = PrivateKey.FromHex(DeployerKey);
        using var user = PrivateKey.Generate();
        await KeyFile.WriteAsync(WalletPath, user, cancellationToken);
        var wal = _options.UserWal * Wal;
        await FundAsync(deployer, user.Address, wal, cancellationToken);
        await Chain.ApproveWalAsync(user, wal, cancellationToken);
    }

    /// <summary>Gas (anvil_setBalance: 10 ETH) and WAL from the deployer.</summary>
    private async Task FundAsync(PrivateKey deployer, Address account, BigInteger wal, CancellationToken cancellationToken)
    {
        await _rpc!.CallAsync("anvil_setBalance", w =>
        {
            w.WriteStringValue(account.ToString());
            w.WriteStringValue(Hex.EncodeQuantity(10_000_000_000_000_000_000UL));
        }, cancellationToken);
        await Chain.Wal.TransferAsync(deployer, account, wal, cancellationToken);
    }

    /// <summary>Writes testbed.json; one writer at a time (the epoch driver, membership changes and the control channel all write it).</summary>
    private async Task WriteStateAsync(CancellationToken cancellationToken, bool running = true)
    {
        await _stateWrite.WaitAsync(cancellationToken);
        try
        {
            await WriteStateUnlockedAsync(running, cancellationToken);
        }
        finally
        {
            _stateWrite.Release();
        }
    }

    private async Task WriteStateUnlockedAsync(bool running, CancellationToken cancellationToken)
    {
        var state = new TestbedFiles.State(
            RpcUrl.ToString().TrimEnd('/'), _anvilPort, running ? AnvilPid : null, running ? Environment.ProcessId : null, DeploymentPath, GatewayUrl?.ToString().TrimEnd('/'),
            Nodes.Select(n => new TestbedFiles.NodeEntry(n.Name, n.NodeId, n.PublicUrl.ToString().TrimEnd('/'), n.Port, running ? n.Pid : null, n.Shards, n.Byzantine, n.ConfigFile)
            {
                ProxyPort = n.ProxyPort,
            }).ToList())
        {
            GatewayPort = _gatewayPort > 0 ? _gatewayPort : null,
            GatewayPid = running ? GatewayPid : null,
            Control = running ? ControlPath : null,
        };
        await TestbedFiles.WriteAtomicallyAsync(TestbedFilePath, TestbedFiles.FormatState(state), cancellationToken);
    }

    private static int FreePort() => LoopbackPorts.Reserve();
}
