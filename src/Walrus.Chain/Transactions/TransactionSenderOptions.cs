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

    /// <summary>How many times a send is retried with a fresh nonce after "nonce too low".</summary>
    public int MaxNonceRetries { get; init; } = 5;

    /// <summary>Clock for polling and deadlines.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
