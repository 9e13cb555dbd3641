using Microsoft.Extensions.Logging;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.StorageNode.Api;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Epochs;
using Walrus.StorageNode.Node;
using Walrus.StorageNode.Recovery;
using Walrus.StorageNode.Storage;

namespace Walrus.StorageNode;

/// <summary>
/// A running storage node: database, node service, HTTP API, chain event processing and self-healing, from one options
/// object (what <c>walrus node run --config F</c> starts).
/// </summary>
public sealed class StorageNodeHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly IDisposable[] _owned;

    private StorageNodeHost(NodeHttpServer server, StorageNodeService service, IDisposable[] owned)
    {
        Server = server;
        Service = service;
        _owned = owned;
    }

    /// <summary>The HTTP API.</summary>
    public NodeHttpServer Server { get; }

    /// <summary>The node service.</summary>
    public StorageNodeService Service { get; }

    /// <summary>Loads keys and deployment, opens the database, starts the API and the background loops.</summary>
    public static async Task<StorageNodeHost> StartAsync(StorageNodeOptions options, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger("Walrus.StorageNode");
        var signingKey = await KeyFile.ReadAsync(options.SigningKeyFile, cancellationToken);
        PrivateKey? ownerKey = File.Exists(options.OwnerKeyFile) ? await KeyFile.ReadAsync(options.OwnerKeyFile, cancellationToken) : null;
        var chain = await NodeChainClient.ConnectAsync(new Uri(options.RpcEndpoint), options.DeploymentFile, cancellationToken);
        var nodeId = await chain.FindNodeIdAsync(signingKey.Address, cancellationToken);
        if (nodeId == 0)
        {
            throw new InvalidOperationException($"No node is registered with signing address {signingKey.Address}; run 'walrus node register' first.");
        }

        var store = RocksNodeStore.Open(options.DataDirectory);
        var telemetry = new NodeTelemetry();
        var signer = new NodeSigner(signingKey, chain.Deployment.ChainId, chain.Deployment.BlobRegistry);
        var service = new StorageNodeService(store, signer, options, telemetry, logger, time);
        service.ApplyCommittee(await chain.GetCommitteeViewAsync(nodeId, cancellationToken));
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var peers = new PeerClient(http);
        var transactionKey = ownerKey;
        // Before the API starts: shards locked for hand-over stay served after a restart.
        var migration = new ShardMigrationWorker(service, chain, nodeId, transactionKey, peers, new ShardSyncClient(http, signer), options, logger, time);
        var metrics = new PrometheusExporter([telemetry.Meter], [ChainTelemetry.Name]);
        var server = await NodeHttpServer.StartAsync(service, metrics, options, loggerFactory, cancellationToken);
        Log.Listening(logger, server.BaseAddress, signer.Address);
        var reporter = transactionKey is null ? null : new InconsistencyReporter(service, peers, chain, transactionKey, logger);
        var recovery = new BlobRecoveryWorker(service, peers, options, logger, time,
            (blobId, proof, token) => reporter?.ReportAsync(blobId, proof, token) ?? Task.CompletedTask);
        var events = new NodeEventProcessor(chain, service, nodeId, transactionKey, options, logger, time, migration);
        service.AwaitingRegistration = events.Wake;
        var host = new StorageNodeHost(server, service, [migration, recovery, http, metrics, service, signer, store, telemetry, chain, .. ownerKey is null ? Array.Empty<IDisposable>() : [ownerKey]]);
        host._loops.Add(Task.Run(() => events.RunAsync(host._stop.Token), CancellationToken.None));
        host._loops.Add(Task.Run(() => recovery.RunAsync(host._stop.Token), CancellationToken.None));
        host._loops.Add(Task.Run(() => migration.RunAsync(host._stop.Token), CancellationToken.None));
        if (options.EpochCranks && transactionKey is not null)
        {
            host._loops.Add(Task.Run(() => new EpochCrank(chain, transactionKey, options, logger, time).RunAsync(host._stop.Token), CancellationToken.None));
        }
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        await Server.DisposeAsync();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _stop.Dispose();
    }
}
