namespace Walrus.Chain.Transactions;

/// <summary>Options of <see cref="TransactionSender"/>.</summary>
public sealed class TransactionSenderOptions
{
    /// <summary>How often to poll eth_getTransactionReceipt while waiting.</summary>
    public TimeSpan ReceiptPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long to wait for a receipt before giving up with a TimeoutException.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Headroom over eth_estimateGas for the gas limit.</summary>
    public double GasLimitMultiplier { get; init; } = 1.25;

    /// <summary>How long fee estimates are reused.</summary>
    public TimeSpan FeeCacheDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a send is signed again with a fresh nonce after another transaction took its nonce.</summary>
    public int MaxNonceRetries { get; init; } = 5;

    /// <summary>
    /// How many times one signed transaction is broadcast (the identical bytes, so at most one can land) when the
    /// node's answer is lost; between attempts its hash is looked up.
    /// </summary>
    public int MaxBroadcastAttempts { get; init; } = 4;

    /// <summary>Pause before looking up and rebroadcasting after an ambiguous send; doubles each time.</summary>
    public TimeSpan BroadcastBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// While waiting for a receipt, how often to check whether the transaction is stuck (its fee cap below the
    /// base fee, or the node no longer knows it); a stuck one is re-signed with the same nonce and fees bumped
    /// by <see cref="ReplacementFeeBumpPercent"/> (replace-by-fee).
    /// </summary>
    public TimeSpan StuckCheckInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Fee increase of a replacement, in percent of the previous fees: nodes demand at least 10 (geth) or 12.5.</summary>
    public int ReplacementFeeBumpPercent { get; init; } = 13;

    /// <summary>Clock for polling and deadlines.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
