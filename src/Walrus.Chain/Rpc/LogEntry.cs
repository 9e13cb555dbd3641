namespace Walrus.Chain.Rpc;

/// <summary>A contract log as eth_getLogs and receipts return it.</summary>
public sealed record LogEntry(
    Address Address,
    IReadOnlyList<Hash256> Topics,
    byte[] Data,
    ulong BlockNumber,
    Hash256 BlockHash,
    Hash256 TransactionHash,
    uint TransactionIndex,
    uint LogIndex,
    bool Removed);
