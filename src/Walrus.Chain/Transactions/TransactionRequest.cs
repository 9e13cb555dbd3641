using System.Numerics;

namespace Walrus.Chain.Transactions;

/// <summary>What to send: recipient (null deploys), calldata, value, and an optional fixed gas limit.</summary>
public sealed record TransactionRequest
{
    /// <summary>Recipient contract or account; null for a deployment.</summary>
    public Address? To { get; init; }

    /// <summary>Calldata or init code.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Value in wei.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Gas limit; null estimates it (eth_estimateGas x the sender's multiplier).</summary>
    public ulong? GasLimit { get; init; }
}
