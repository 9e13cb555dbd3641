using System.Text.Json;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Transactions;

/// <summary>
/// Waits for many receipts at once with one polling loop: every interval it asks for all pending receipts in
/// one JSON-RPC batch (at most <see cref="MaxBatch"/> per request), so a thousand transactions in flight cost
/// a handful of HTTP requests per interval instead of a thousand. The loop runs only while someone waits.
/// A receipt that does not parse fails only its own waiter (with <see cref="RpcMalformedResponseException"/>); the
/// loop and every other waiter go on. Nothing thrown inside an iteration ends the loop.
/// </summary>
internal sealed class ReceiptPoller
{
    private const int MaxBatch = 100;

    private readonly EthClient _eth;
    private readonly TransactionSenderOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash256, Entry> _pending = [];
    private bool _running;

    public ReceiptPoller(EthClient eth, TransactionSenderOptions options)
    {
        _eth = eth;
        _options = options;
    }

    public Task<TransactionReceipt> WaitAsync(Hash256 hash, CancellationToken cancellationToken)
    {
        Task<TransactionReceipt> task;
        lock (_lock)
        {
            if (!_pending.TryGetValue(hash, out var entry))
            {
                entry = new Entry(new TaskCompletionSource<TransactionReceipt>(TaskCreationOptions.RunContinuationsAsynchronously), _options.TimeProvider.GetTimestamp());
                _pending[hash] = entry;
            }

            task = entry.Completion.Task;
            if (!_running)
            {
                _running = true;
                _ = Task.Run(PollAsync, CancellationToken.None);
            }
        }

        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops polling for <paramref name="hash"/> (its waiters see cancellation).</summary>
    public void Forget(Hash256 hash)
    {
        lock (_lock)
        {
            if (_pending.Remove(hash, out var entry))
            {
                entry.Completion.TrySetCanceled();
            }
        }
    }

    private async Task PollAsync()
    {
        while (true)
        {
            await Task.Delay(_options.ReceiptPollInterval, _options.TimeProvider);
            try
            {
                if (!await PollOnceAsync())
                {
                    return;
                }
            }
#pragma warning disable CA1031 // The loop serves every waiter: an unexpected failure of one round must not end it.
            catch (Exception)
#pragma warning restore CA1031
            {
                // The entries' deadlines bound how long we keep trying.
            }
        }
    }

    /// <summary>One round; false when nobody waits any more (the loop then ends).</summary>
    private async Task<bool> PollOnceAsync()
    {
        {
            List<Hash256> hashes;
            lock (_lock)
            {
                ExpireOld();
                if (_pending.Count == 0)
                {
                    _running = false;
                    return false;
                }

                hashes = [.. _pending.Keys];
            }

            for (var start = 0; start < hashes.Count; start += MaxBatch)
            {
                var chunk = hashes.GetRange(start, Math.Min(MaxBatch, hashes.Count - start));
                IReadOnlyList<RpcResult> results;
                try
                {
                    results = await _eth.Rpc.CallBatchAsync(
                        [.. chunk.Select(h => new RpcRequest("eth_getTransactionReceipt", w => w.WriteStringValue(h.ToString())))],
                        CancellationToken.None);
                }
                catch (Exception e) when (e is RpcException or RpcTransportException or TimeoutException or HttpRequestException)
                {
                    // Transient trouble: the entries' deadlines bound how long we keep trying.
                    continue;
                }

                for (var i = 0; i < chunk.Count; i++)
                {
                    if (results[i].Error is not null || results[i].Result.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    TransactionReceipt? receipt = null;
                    Exception? malformed = null;
                    try
                    {
                        receipt = EthClient.Parse("eth_getTransactionReceipt", results[i].Result, RpcJson.ReadReceipt);
                        if (receipt.TransactionHash != chunk[i])
                        {
                            malformed = new RpcMalformedResponseException("eth_getTransactionReceipt", $"asked for {chunk[i]}, got the receipt of {receipt.TransactionHash}.");
                        }
                    }
                    catch (RpcMalformedResponseException e)
                    {
                        malformed = e;
                    }

                    lock (_lock)
                    {
                        if (_pending.Remove(chunk[i], out var entry))
                        {
                            if (malformed is null)
                            {
                                entry.Completion.TrySetResult(receipt!);
                            }
                            else
                            {
                                entry.Completion.TrySetException(malformed);
                            }
                        }
                    }
                }
            }
        }

        return true;
    }

    private void ExpireOld()
    {
        List<Hash256>? expired = null;
        foreach (var (hash, entry) in _pending)
        {
            if (_options.TimeProvider.GetElapsedTime(entry.Since) > _options.ReceiptTimeout)
            {
                (expired ??= []).Add(hash);
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var hash in expired)
        {
            _pending.Remove(hash, out var entry);
            entry!.Completion.TrySetException(new TimeoutException($"No receipt for {hash} within {_options.ReceiptTimeout}."));
        }
    }

    private sealed record Entry(TaskCompletionSource<TransactionReceipt> Completion, long Since);
}
