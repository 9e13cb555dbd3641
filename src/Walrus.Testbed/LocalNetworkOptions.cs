namespace Walrus.Testbed;

/// <summary>What a <see cref="LocalNetwork"/> brings up. Every option has a default.</summary>
public sealed record LocalNetworkOptions
{
    /// <summary>Folder the network lives in: keys, node configs and data, anvil's state, client.json, testbed.json. Required.</summary>
    public string Directory { get; init; } = "";

    /// <summary>Storage nodes (the contracts' minimum first committee is 4 nodes).</summary>
    public int Nodes { get; init; } = 4;

    /// <summary>Shards of the deployment.</summary>
    public int Shards { get; init; } = 100;

    /// <summary>Epoch duration on chain.</summary>
    public TimeSpan EpochDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>First port: anvil listens on it and node i on BasePort + 1 + i. 0 picks free ports.</summary>
    public int BasePort { get; init; }

    /// <summary>WAL each node's owner stakes for it.</summary>
    public long StakePerNode { get; init; } = 1_000_000;

    /// <summary>WAL the user wallet receives (and approves for payments).</summary>
    public long UserWal { get; init; } = 10_000_000;

    /// <summary>Call votingEnd and initiateEpochChange when their time comes, so that epochs advance on their own.</summary>
    public bool DriveEpochs { get; init; } = true;

    /// <summary>Use this running anvil instead of starting one (the caller owns it; resuming is then not supported).</summary>
    public Uri? ExistingChain { get; init; }

    /// <summary>The built CLI (walrus.dll) the nodes run as <c>dotnet walrus.dll node run</c>; empty: the running program when it is walrus.dll.</summary>
    public string CliDll { get; init; } = "";

    /// <summary>The repository (holding Walrus.slnx, contracts/ and tools/); found from the CLI or the working folder when empty.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Lowest log level the nodes print into their log files.</summary>
    public string NodeLogLevel { get; init; } = "Information";

    /// <summary>
    /// Byzantine nodes: the last this many nodes register the address of a <see cref="ByzantineProxy"/> that stands in front
    /// of them and lies as <see cref="ByzantineBehaviour"/> says. The protocol tolerates up to f (a third of the shards, less one).
    /// Fixed when the network is created; a resumed network keeps its own.
    /// </summary>
    public int Byzantine { get; init; }

    /// <summary>How the Byzantine nodes misbehave.</summary>
    public ByzantineBehaviour ByzantineBehaviour { get; init; } = ByzantineBehaviour.All;

    /// <summary>Also run a gateway (<c>walrus daemon</c>: publisher and aggregator) paying with the testbed's wallet.</summary>
    public bool Gateway { get; init; }

    /// <summary>
    /// Serve the control socket (testbed.json names it) through which <c>walrus testbed add-node</c>, <c>remove-node</c>
    /// and <c>stake</c> from another shell change the running network.
    /// </summary>
    public bool Control { get; init; } = true;

    /// <summary>How long a node may take to answer its health endpoint.</summary>
    public TimeSpan NodeStartTimeout { get; init; } = TimeSpan.FromMinutes(3);
}
