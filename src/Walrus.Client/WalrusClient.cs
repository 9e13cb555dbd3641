using System.Collections.Concurrent;
using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Abi;
using Walrus.Chain.Generated;
using Walrus.Chain.Rpc;
using Walrus.Chain.Services;
using Walrus.Chain.Transactions;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>
/// Stores and reads blobs on a Walrus network: the contracts through <see cref="WalrusChainClient"/>, the storage
/// nodes of the current committee over HTTP (<see cref="NodeClient"/>).
/// </summary>
/// <example>
/// <code>
/// var client = WalrusClient.Create(new Uri("http://127.0.0.1:8545"), deployment, wallet);
/// var stored = await client.StoreAsync("photo.jpg", new StoreOptions { Epochs = 5 });
/// await client.ReadAsync(stored.BlobId, "copy.jpg");
/// </code>
/// </example>
public sealed partial class WalrusClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly PrivateKey? _wallet;
    private readonly ConcurrentDictionary<string, NodeClient> _nodes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _committeeLock = new(1, 1);
    private Committee? _committee;

    /// <summary>
    /// A client over <paramref name="chain"/>, paying and signing with <paramref name="wallet"/> (null: read only). The
    /// wallet is not disposed. <paramref name="http"/> (null: one of its own) carries the node requests.
    /// </summary>
    public WalrusClient(WalrusChainClient chain, PrivateKey? wallet = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        Chain = chain;
        _wallet = wallet;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>The contracts.</summary>
    public WalrusChainClient Chain { get; }

    /// <summary>The wallet's address, or null for a read-only client.</summary>
    public Address? Address => _wallet?.Address;

    /// <summary>A client of the deployment at <paramref name="rpcUrl"/>.</summary>
    public static WalrusClient Create(Uri rpcUrl, WalrusDeployment deployment, PrivateKey? wallet = null)
    {
        var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = rpcUrl });
        var chain = new WalrusChainClient(new ContractClient(new TransactionSender(new EthClient(rpc))), deployment);
        return new WalrusClient(chain, wallet);
    }

    /// <summary>The client of the node at a network address (one per address, cached).</summary>
    public NodeClient Node(string networkAddress) => _nodes.GetOrAdd(networkAddress, a => new NodeClient(_http, a));

    /// <summary>HTTP requests sent to storage nodes so far.</summary>
    public long NodeRequestCount
    {
        get
        {
            long total = 0;
            foreach (var node in _nodes.Values)
            {
                total += node.RequestCount;
            }

            return total;
        }
    }

    /// <summary>The current epoch's committee, cached until the epoch changes.</summary>
    public async Task<Committee> GetCommitteeAsync(CancellationToken cancellationToken = default)
    {
        var (epoch, _) = await Chain.GetEpochAsync(cancellationToken);
        var cached = _committee;
        if (cached is not null && cached.Epoch == epoch)
        {
            return cached;
        }

        await _committeeLock.WaitAsync(cancellationToken);
        try
        {
            if (_committee is { } current && current.Epoch == epoch)
            {
                return current;
            }

            _committee = await Chain.GetCommitteeAsync(epoch, cancellationToken);
            return _committee;
        }
        finally
        {
            _committeeLock.Release();
        }
    }

    /// <summary>Epoch, shards, prices, capacity and the current committee.</summary>
    public async Task<SystemInfo> GetSystemInfoAsync(CancellationToken cancellationToken = default)
    {
        var state = await Chain.GetSystemStateAsync(cancellationToken);
        return new SystemInfo(state, await GetCommitteeAsync(cancellationToken));
    }

    /// <summary>A blob id's status on chain and on the nodes (the status most answering nodes give).</summary>
    public async Task<BlobStatusReport> GetBlobStatusAsync(BlobId blobId, CancellationToken cancellationToken = default)
    {
        var committee = await GetCommitteeAsync(cancellationToken);
        var certified = await Chain.BlobRegistry.IsBlobCertifiedAsync(blobId.ToHash256(), cancellationToken: cancellationToken);
        var invalid = await Chain.BlobRegistry.IsInvalidAsync(blobId.ToHash256(), cancellationToken: cancellationToken);
        var answers = await Task.WhenAll(committee.Members.Select(async m =>
        {
            try
            {
                return await Node(m.NetworkAddress).GetBlobStatusAsync(blobId, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or NodeApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }));
        var answered = answers.Where(a => a is not null).Select(a => a!).ToList();
        var common = answered.GroupBy(a => a).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? BlobStatus.Nonexistent;
        return new BlobStatusReport(blobId, certified.Certified, new Epoch(certified.EndEpoch), invalid, common, answered.Count, committee.Epoch);
    }

    /// <summary>The WAL balance (FROST) of an address.</summary>
    public Task<BigInteger> GetWalBalanceAsync(Address owner, CancellationToken cancellationToken = default) =>
        Chain.Wal.BalanceOfAsync(owner, cancellationToken: cancellationToken);

    /// <summary>
    /// The blob objects registered for <paramref name="blobId"/> (from the BlobRegistered logs since the deployment) that
    /// still exist, with their owners.
    /// </summary>
    public async Task<IReadOnlyList<(BlobRecord Record, Address Owner)>> FindBlobObjectsAsync(BlobId blobId, CancellationToken cancellationToken = default)
    {
        var eth = Chain.Client.Eth;
        var head = await eth.GetBlockNumberAsync(cancellationToken);
        var logs = await eth.GetLogsAsync(new LogFilter(Chain.Deployment.DeployBlock, head)
        {
            Addresses = [Chain.Deployment.BlobRegistry],
            Topics = [[BlobRegistryContract.Events.BlobRegistered.Topic0], [blobId.ToHash256()]],
        }, cancellationToken);
        var result = new List<(BlobRecord, Address)>();
        foreach (var log in logs)
        {
            if (!BlobRegistryContract.TryDecodeBlobRegistered(log, out var registered) || registered.BlobId != blobId.ToHash256())
            {
                continue;
            }

            try
            {
                var owner = await Chain.BlobRegistry.OwnerOfAsync(registered.ObjectId, cancellationToken: cancellationToken);
                var record = await Chain.GetBlobAsync(registered.ObjectId, cancellationToken);
                result.Add((record, owner));
            }
            catch (ContractRevertException)
            {
                // Deleted or burnt since.
            }
        }

        return result;
    }

    /// <summary>The encoding parameters of the system's shard count.</summary>
    public static EncodingConfig Config(Committee committee)
    {
        ArgumentNullException.ThrowIfNull(committee);
        return EncodingConfig.Create(committee.ShardCount);
    }

    public void Dispose()
    {
        _committeeLock.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
