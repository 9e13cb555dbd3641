namespace Walrus.Chain.Rpc;

/// <summary>What eth_getTransactionByHash tells about a transaction the node knows: its nonce and, once mined, its block.</summary>
public sealed record TransactionLookup(Hash256 Hash, Address From, ulong Nonce, ulong? BlockNumber)
{
    /// <summary>Whether the transaction is in a block (otherwise it waits in the pool).</summary>
    public bool IsMined => BlockNumber is not null;
}
