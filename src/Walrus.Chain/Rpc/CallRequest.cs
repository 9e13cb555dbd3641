using System.Numerics;

namespace Walrus.Chain.Rpc;

/// <summary>The transaction-like object of eth_call and eth_estimateGas.</summary>
public sealed record CallRequest
{
    /// <summary>Sender (matters for msg.sender checks).</summary>
    public Address? From { get; init; }

    /// <summary>Target contract; null to simulate a deployment.</summary>
    public Address? To { get; init; }

    /// <summary>Calldata.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Value in wei.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Gas limit for the call; null lets the node choose.</summary>
    public ulong? Gas { get; init; }
}
