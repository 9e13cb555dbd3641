using System.Collections.Concurrent;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Transactions;

/// <summary>Broadcasting one signed transaction so that it lands at most once, whatever the network does.</summary>
public sealed partial class TransactionSender
{
    // Transactions whose fate is unknown (their nonce stays taken): rebroadcast, identical, before the account's next send.
    private readonly ConcurrentDictionary<Hash256, (Address From, SignedTransaction Signed)> _unsettled = new();

    /// <summary>Transactions of <paramref name="account"/> whose outcome is still unknown (rebroadcast before its next send).</summary>
    public IReadOnlyList<SignedTransaction> Unsettled(Address account) =>
        [.. _unsettled.Values.Where(v => v.From == account).Select(v => v.Signed)];

    /// <summary>
    /// Hands <paramref name="signed"/> to the node and learns what became of it. Only these exact bytes are ever
    /// sent again (so two copies cannot both land); after an ambiguous failure the hash is looked up first.
    /// </summary>
    internal async Task<(BroadcastOutcome Outcome, Exception? Failure)> BroadcastAsync(SignedTransaction signed, CancellationToken cancellationToken)
    {
        var ambiguous = false;
        Exception? last = null;
        var backoff = _options.BroadcastBackoff;
        for (var attempt = 0; attempt < Math.Max(1, _options.MaxBroadcastAttempts); attempt++)
        {
            if (ambiguous)
            {
                try
                {
                    await Task.Delay(backoff, _options.TimeProvider, cancellationToken);
                }
                catch (OperationCanceledException e)
                {
                    return (BroadcastOutcome.Unknown, e);
                }

                backoff *= 2;
                if (await TryLookupAsync(signed.Hash, cancellationToken) == true)
                {
                    return (BroadcastOutcome.Accepted, null);
                }
            }

            try
            {
                await _eth.SendRawTransactionAsync(signed.Raw, cancellationToken);
                return (BroadcastOutcome.Accepted, null);
            }
            catch (RpcException e) when (e.IsNodeError)
            {
                if (e.IsAlreadyKnown)
                {
                    return (BroadcastOutcome.Accepted, null);
                }

                var nonceClash = e.IsNonceTooLow || e.IsReplacementUnderpriced;
                if (!nonceClash && !ambiguous)
                {
                    return (BroadcastOutcome.Rejected, e);
                }

                // Our own earlier attempt may be what holds the nonce (or was mined): ask by hash.
                var known = await TryLookupAsync(signed.Hash, cancellationToken);
                return known switch
                {
                    true => (BroadcastOutcome.Accepted, null),
                    false => (nonceClash ? BroadcastOutcome.NonceTaken : BroadcastOutcome.Rejected, e),
                    null => (BroadcastOutcome.Unknown, e),
                };
            }
            catch (Exception e) when (IsAmbiguous(e, cancellationToken))
            {
                ChainTelemetry.AmbiguousSends.Add(1);
                ambiguous = true;
                last = e;
            }
            catch (OperationCanceledException e)
            {
                // The request may have left before the caller gave up.
                return (BroadcastOutcome.Unknown, e);
            }
        }

        return await TryLookupAsync(signed.Hash, cancellationToken) == true
            ? (BroadcastOutcome.Accepted, null)
            : (BroadcastOutcome.Unknown, last);
    }

    /// <summary>Whether the node knows the transaction (pooled or mined); null when it could not be asked.</summary>
    private async Task<bool?> TryLookupAsync(Hash256 hash, CancellationToken cancellationToken)
    {
        try
        {
            return await _eth.GetTransactionByHashAsync(hash, cancellationToken) is not null;
        }
        catch (Exception e) when (IsAmbiguous(e, cancellationToken) || e is RpcException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Rebroadcasts the account's transactions of unknown fate (identical bytes) so no nonce gap stalls the account.</summary>
    private async Task SettleUnsettledAsync(Address account, CancellationToken cancellationToken)
    {
        if (_unsettled.IsEmpty)
        {
            return;
        }

        foreach (var (hash, (owner, signed)) in _unsettled)
        {
            if (owner != account)
            {
                continue;
            }

            var (outcome, _) = await BroadcastAsync(signed, cancellationToken);
            switch (outcome)
            {
                case BroadcastOutcome.Accepted:
                case BroadcastOutcome.NonceTaken:
                    _unsettled.TryRemove(hash, out _);
                    break;
                case BroadcastOutcome.Rejected:
                    _unsettled.TryRemove(hash, out _);
                    Nonces.Release(account, signed.Transaction.Nonce);
                    break;
                default:
                    break;
            }
        }
    }

    private void MarkUnsettled(Address from, SignedTransaction signed) => _unsettled[signed.Hash] = (from, signed);

    private static bool IsAmbiguous(Exception e, CancellationToken cancellationToken) =>
        e is RpcTransportException or RpcMalformedResponseException or TimeoutException or HttpRequestException or IOException ||
        (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
