using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Transactions;

/// <summary>Waiting for a receipt, and replacing a stuck transaction by fee with the same nonce.</summary>
public sealed partial class TransactionSender
{
    /// <summary>
    /// Waits for the receipt of <paramref name="signed"/> or of a replacement of it. Every
    /// <see cref="TransactionSenderOptions.StuckCheckInterval"/> it checks the newest version: below the base fee it
    /// is re-signed with the same nonce and bumped fees; unknown to the node it is rebroadcast as is; pooled but not
    /// mined, the account's sends of unknown fate are rebroadcast (one of them may be the nonce gap it waits behind). All versions
    /// share one nonce, so exactly one can land. After <see cref="TransactionSenderOptions.ReceiptTimeout"/> a
    /// TimeoutException; the newest version stays registered for rebroadcast and its nonce is not handed out again.
    /// </summary>
    public async Task<TransactionReceipt> WaitAndReplaceAsync(PrivateKey from, SignedTransaction signed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(signed);
        var versions = new List<SignedTransaction> { signed };
        var waits = new List<Task<TransactionReceipt>> { _receipts.WaitAsync(signed.Hash, cancellationToken) };
        var lastAttempt = signed;
        try
        {
            while (true)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var check = Task.Delay(_options.StuckCheckInterval, _options.TimeProvider, tick.Token);
                var receipt = Task.WhenAny(waits);
                var first = await Task.WhenAny(receipt, check);
                await tick.CancelAsync();
                if (first == receipt)
                {
                    var done = await receipt;
                    if (done.Exception?.InnerException is TimeoutException)
                    {
                        MarkUnsettled(from.Address, versions[^1]);
                    }

                    return await done;
                }

                cancellationToken.ThrowIfCancellationRequested();
                lastAttempt = await ReplaceIfStuckAsync(from, versions, waits, lastAttempt, cancellationToken);
            }
        }
        finally
        {
            foreach (var version in versions)
            {
                _receipts.Forget(version.Hash);
            }
        }
    }

    private async Task<SignedTransaction> ReplaceIfStuckAsync(PrivateKey from, List<SignedTransaction> versions, List<Task<TransactionReceipt>> waits, SignedTransaction lastAttempt, CancellationToken cancellationToken)
    {
        var current = versions[^1];
        BlockHeader? head;
        bool? known;
        try
        {
            head = await _eth.GetBlockHeaderAsync(BlockParameter.Latest, cancellationToken);
            known = await TryLookupAsync(current.Hash, cancellationToken);
        }
        catch (Exception e) when (IsAmbiguous(e, cancellationToken) || e is RpcException)
        {
            return lastAttempt;
        }

        var baseFee = head?.BaseFeePerGas ?? BigInteger.Zero;
        if (current.Transaction.MaxFeePerGas >= baseFee)
        {
            if (known == false)
            {
                // Dropped from the pool (or never arrived): the identical bytes again.
                await BroadcastAsync(current, cancellationToken);
            }
            else
            {
                // Pooled, priced right and still not mined: an earlier send of unknown fate may have left a nonce gap
                // in front of it. Its identical bytes again fill the gap (and cost nothing when it is already pooled).
                await SettleUnsettledAsync(from.Address, cancellationToken);
            }

            return lastAttempt;
        }

        FeeEstimate fresh;
        try
        {
            fresh = await Fees.GetFeesAsync(cancellationToken);
        }
        catch (Exception e) when (IsAmbiguous(e, cancellationToken) || e is RpcException)
        {
            fresh = new FeeEstimate(BigInteger.Zero, BigInteger.Zero);
        }

        var tip = BigInteger.Max(Bump(lastAttempt.Transaction.MaxPriorityFeePerGas), fresh.MaxPriorityFeePerGas);
        var maxFee = BigInteger.Max(BigInteger.Max(Bump(lastAttempt.Transaction.MaxFeePerGas), fresh.MaxFeePerGas), (2 * baseFee) + tip);
        var replacement = (current.Transaction with { MaxPriorityFeePerGas = tip, MaxFeePerGas = maxFee }).Sign(from);
        var (outcome, _) = await BroadcastAsync(replacement, cancellationToken);
        if (outcome is BroadcastOutcome.Accepted or BroadcastOutcome.Unknown)
        {
            // Unknown: it may be in the pool, so watch it too.
            ChainTelemetry.Replacements.Add(1);
            versions.Add(replacement);
            waits.Add(_receipts.WaitAsync(replacement.Hash, cancellationToken));
        }

        // Refused ("replacement underpriced", or a version was mined): the next round bumps from this attempt.
        return replacement;
    }

    private BigInteger Bump(BigInteger fee)
    {
        var percent = Math.Max(_options.ReplacementFeeBumpPercent, 10);
        return fee + (((fee * percent) + 99) / 100);
    }
}
