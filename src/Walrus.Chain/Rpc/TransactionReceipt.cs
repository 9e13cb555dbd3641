using System.Numerics;

namespace Walrus.Chain.Rpc;

/// <summary>A mined transaction's receipt.</summary>
public sealed record TransactionReceipt(
    Hash256 TransactionHash,
    ulong BlockNumber,
    Hash256 BlockHash,
    Address From,
    Address? To,
    bool Succeeded,
    ulong GasUsed,
    BigInteger EffectiveGasPrice,
    Address? ContractAddress,
    IReadOnlyList<LogEntry> Logs);
