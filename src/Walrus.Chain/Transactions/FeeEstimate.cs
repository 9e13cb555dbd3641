using System.Numerics;

namespace Walrus.Chain.Transactions;

/// <summary>EIP-1559 fees for a new transaction, in wei per gas.</summary>
public sealed record FeeEstimate(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas);
