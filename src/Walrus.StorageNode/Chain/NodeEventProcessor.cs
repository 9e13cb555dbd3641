using Microsoft.Extensions.Logging;
using Walrus.Chain.Crypto;
using Walrus.Chain.Events;
using Walrus.Chain.Generated;
using Walrus.Chain.Rpc;
using Walrus.StorageNode.Epochs;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Chain;

/// <summary>
/// Follows the BlobRegistry's and System's events from the cursor saved in the node's database and applies them to the
/// node: registrations, certifications, deletions, invalidations, epoch changes (new committee view, expiry, and the
/// node's epoch-sync attestation). Restarts the stream with backoff after failures.
/// </summary>
public sealed class NodeEventProcessor
{
    private readonly NodeChainClient _chain;
    private readonly StorageNodeService _node;
    private readonly uint _nodeId;
    private readonly PrivateKey? _transactionKey;
    private readonly StorageNodeOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ShardMigrationWorker? _migration;
    private long _lastBlock;
    private EventFollower? _follower;

    public NodeEventProcessor(NodeChainClient chain, StorageNodeService node, uint nodeId, PrivateKey? transactionKey, StorageNodeOptions options, ILogger logger, TimeProvider time, ShardMigrationWorker? migration = null)
    {
        _migration = migration;
        _chain = chain;
        _node = node;
        _nodeId = nodeId;
        _transactionKey = transactionKey;
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>Looks at the chain now rather than at the next poll (a request is waiting for an event the node has not seen yet).</summary>
    public void Wake() => Volatile.Read(ref _follower)?.Wake();

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var monitor = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lag = MonitorAsync(monitor.Token);
        var delay = 250;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    _node.ApplyCommittee(await _chain.GetCommitteeViewAsync(_nodeId, cancellationToken));
                    var follower = _chain.Follow(new RocksEventCursorStore(_node.Store), _options.ConfirmationDepth, _options.UseFinalizedTag, TimeSpan.FromMilliseconds(_options.EventPollMillis), _time);
                    Volatile.Write(ref _follower, follower);
                    await foreach (var log in follower.FollowAsync(cancellationToken))
                    {
                        // A log a reorganisation removed is not undone: the handlers record what the chain says of a
                        // blob, and the replacing chain's logs, delivered next, say it again.
                        if (log.Removed)
                        {
                            continue;
                        }

                        await DispatchAsync(log, cancellationToken);
                        Interlocked.Exchange(ref _lastBlock, (long)log.BlockNumber);
                        _node.ReportEventBlock(log.BlockNumber);
                        delay = 250;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.EventLoopFailed(_logger, e, delay);
                    await Task.Delay(TimeSpan.FromMilliseconds(delay), _time, cancellationToken);
                    delay = Math.Min(delay * 2, 30_000);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await monitor.CancelAsync();
            await lag;
        }
    }

    private async Task DispatchAsync(LogEntry log, CancellationToken cancellationToken)
    {
        var id = new Walrus.Core.NodeApi.EventId(log.TransactionHash.ToString(), log.LogIndex);
        if (BlobRegistryContract.TryDecodeBlobRegistered(log, out var registered))
        {
            _node.ApplyRegistered(NodeSigner.ToBlobId(registered.BlobId), registered.ObjectId, registered.Size, registered.Epoch, registered.EndEpoch, registered.Deletable, id);
        }
        else if (BlobRegistryContract.TryDecodeBlobCertified(log, out var certified))
        {
            _node.ApplyCertified(NodeSigner.ToBlobId(certified.BlobId), certified.ObjectId, certified.Epoch, certified.EndEpoch, certified.Deletable, certified.IsExtension, id);
        }
        else if (BlobRegistryContract.TryDecodeBlobDeleted(log, out var deleted))
        {
            _node.ApplyDeleted(NodeSigner.ToBlobId(deleted.BlobId), deleted.ObjectId, id);
        }
        else if (BlobRegistryContract.TryDecodeInvalidBlobID(log, out var invalid))
        {
            _node.ApplyInvalid(NodeSigner.ToBlobId(invalid.BlobId), invalid.Epoch, id);
        }
        else if (SystemContract.TryDecodeEpochChangeStart(log, out var start))
        {
            var committee = await _chain.GetCommitteeViewAsync(_nodeId, cancellationToken);
            if (_migration is not null && committee.Epoch == start.Epoch && start.Epoch > 0)
            {
                // Lock the lost shards before the new committee view makes them someone else's.
                var previous = await _chain.GetCommitteeViewAsync(_nodeId, start.Epoch - 1, cancellationToken);
                _migration.OnEpochChangeStart(start.Epoch, committee, previous);
            }

            _node.ApplyCommittee(committee);
            if (_migration is null && _transactionKey is not null && committee.Epoch == start.Epoch && committee.OwnedShards.Count > 0)
            {
                try
                {
                    // Without a migration worker shards do not move: the node holds its shards at once.
                    await _chain.EpochSyncDoneAsync(_transactionKey, _nodeId, start.Epoch, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.EventLoopFailed(_logger, e, 0);
                }
            }
        }
        else if (SystemContract.TryDecodeEpochChangeDone(log, out var done))
        {
            _migration?.OnEpochChangeDone(done.Epoch);
        }
        else if (SystemContract.TryDecodeShardsReceived(log, out var received))
        {
            _migration?.OnShardsReceived(received.Epoch, received.Shards);
        }
    }

    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken);
                _node.ExpirePending();
                try
                {
                    var head = await _chain.GetHeadAsync(cancellationToken);
                    _node.ReportEventLag(Math.Max(0, (long)head - Interlocked.Read(ref _lastBlock)));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The event loop reports chain failures.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
