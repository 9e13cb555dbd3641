using System.Numerics;

namespace Walrus.Chain.Rpc;

/// <summary>
/// What eth_getTransactionByHash tells about a transaction the node knows: its nonce, its EIP-1559 fees (null for
/// legacy transactions) and, once mined, its block.
/// </summary>
public sealed record TransactionLookup(Hash256 Hash, Address From, ulong Nonce, ulong? BlockNumber, BigInteger? MaxFeePerGas = null, BigInteger? MaxPriorityFeePerGas = null)
{
    /// <summary>Whether the transaction is in a block (otherwise it waits in the pool).</summary>
    public bool IsMined => BlockNumber is not null;
}
