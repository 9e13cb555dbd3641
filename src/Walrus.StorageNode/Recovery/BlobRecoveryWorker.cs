using Microsoft.Extensions.Logging;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Recovery;

/// <summary>
/// Self-healing: for certified blobs queued in the database (so recovery resumes after a restart) it fetches the metadata
/// if missing and rebuilds every missing sliver of the node's shards from other nodes' recovery symbols, each checked by
/// its Merkle proof; a rebuilt sliver that contradicts the metadata becomes an inconsistency proof. Bounded concurrency,
/// exponential backoff per blob.
/// </summary>
public sealed class BlobRecoveryWorker : IDisposable
{
    private readonly StorageNodeService _node;
    private readonly PeerClient _peers;
    private readonly StorageNodeOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<BlobId, InconsistencyProof, CancellationToken, Task> _onInconsistent;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<BlobId, (DateTimeOffset Next, int DelayMs)> _backoff = [];

    public BlobRecoveryWorker(StorageNodeService node, PeerClient peers, StorageNodeOptions options, ILogger logger, TimeProvider time, Func<BlobId, InconsistencyProof, CancellationToken, Task> onInconsistent)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
        _peers = peers;
        _options = options;
        _logger = logger;
        _time = time;
        _onInconsistent = onInconsistent;
        node.RecoveryNeeded += _ => _wake.Release();
    }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                var due = _node.Store.RecoveryQueue(1024).Where(id => !_backoff.TryGetValue(id, out var b) || b.Next <= now).Take(_options.RecoveryConcurrency * 4).ToList();
                if (due.Count == 0)
                {
                    await _wake.WaitAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
                    continue;
                }

                var results = new System.Collections.Concurrent.ConcurrentDictionary<BlobId, string?>();
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = _options.RecoveryConcurrency, CancellationToken = cancellationToken }, async (blobId, token) =>
                {
                    try
                    {
                        results[blobId] = await RecoverAsync(blobId, token);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !token.IsCancellationRequested)
                    {
                        results[blobId] = e.Message;
                    }
                });
                foreach (var (blobId, failure) in results)
                {
                    if (failure is null)
                    {
                        _backoff.Remove(blobId);
                        continue;
                    }

                    var delay = _backoff.TryGetValue(blobId, out var previous) ? Math.Min(previous.DelayMs * 2, 30_000) : _options.RecoveryRetryMillis;
                    _backoff[blobId] = (_time.GetUtcNow().AddMilliseconds(delay), delay);
                    Log.RecoveryFailed(_logger, blobId, failure, delay);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Recovers one blob; null when done (or nothing is left to do), else why it must be retried.</summary>
    public async Task<string?> RecoverAsync(BlobId blobId, CancellationToken cancellationToken)
    {
        var committee = _node.Committee;
        var record = _node.Store.GetBlob(blobId);
        if (committee is null)
        {
            return "no committee yet";
        }

        if (record is null || !record.IsRegisteredIn(committee.Epoch) || !record.IsCertified)
        {
            _node.Store.RemoveRecovery(blobId);
            return null;
        }

        var config = EncodingConfig.Create(committee.ShardCount);
        var metadata = _node.LoadMetadata(blobId);
        if (metadata is null)
        {
            foreach (var peer in _node.PeerAddresses(committee, includeSelf: false))
            {
                if ((metadata = await _peers.GetMetadataAsync(peer, blobId, config, cancellationToken)) is not null)
                {
                    _node.StoreRecoveredMetadata(blobId, metadata);
                    break;
                }
            }

            if (metadata is null)
            {
                return "no node served verifiable metadata";
            }
        }

        var recovered = 0;
        // All secondary slivers first: they need fewer symbols (n_p), and once this node holds them they add to the
        // symbols its primary slivers need (n_s).
        foreach (var type in new[] { SliverType.Secondary, SliverType.Primary })
        {
            foreach (var shard in committee.OwnedShards)
            {
                if (_node.Store.HasSliver(shard, blobId, type))
                {
                    continue;
                }

                var pair = ShardMapping.PairForShard(blobId, shard, committee.ShardCount);
                var target = pair.ToSliverIndex(type, committee.ShardCount);
                var symbols = await CollectSymbolsAsync(committee, config, metadata, blobId, target, type, cancellationToken);
                var result = SliverRecovery.RecoverOrProveInconsistency(config, metadata, type, target, symbols);
                switch (result.Status)
                {
                    case SliverRecoveryStatus.Recovered:
                        _node.StoreRecoveredSliver(shard, blobId, result.Sliver!);
                        recovered++;
                        break;
                    case SliverRecoveryStatus.Inconsistent:
                        Log.Inconsistent(_logger, blobId, type.ToString(), target.Value);
                        await _onInconsistent(blobId, result.Proof!, cancellationToken);
                        _node.Store.RemoveRecovery(blobId);
                        return null;
                    default:
                        return $"{result.Status} for {type} sliver {target.Value} ({symbols.Count} verified symbols)";
                }
            }
        }

        _node.Store.RemoveRecovery(blobId);
        Log.Recovered(_logger, recovered, blobId);
        return null;
    }

    public void Dispose() => _wake.Dispose();

    private async Task<List<RecoverySymbol>> CollectSymbolsAsync(CommitteeView committee, EncodingConfig config, BlobMetadata metadata, BlobId blobId, SliverIndex target, SliverType type, CancellationToken cancellationToken)
    {
        var required = config.SymbolsForRecovery(type);
        var seen = new HashSet<ushort>();
        var symbols = new List<RecoverySymbol>(required);
        // The previous committee's nodes too while an epoch change runs: their locked shards still hold data.
        var requests = _node.PeerAddresses(committee, includeSelf: true).Select(a => _peers.GetRecoverySymbolsAsync(a, blobId, target, type, config, cancellationToken)).ToList();
        while (requests.Count > 0 && symbols.Count < required)
        {
            var done = await Task.WhenAny(requests);
            requests.Remove(done);
            IReadOnlyList<GeneralRecoverySymbol> answer;
            try
            {
                answer = await done;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                continue;
            }

            foreach (var symbol in answer)
            {
                if (symbols.Count < required && symbol.Symbol.Axis == type && seen.Add(symbol.Symbol.Symbol.Index)
                    && symbol.Verify(metadata, config, target, type) == SymbolVerificationResult.Valid)
                {
                    symbols.Add(symbol.ToRecoverySymbol());
                }
            }
        }

        return symbols;
    }
}
