using System.Numerics;

namespace Walrus.Chain.Rpc;

/// <summary>
/// eth_feeHistory: base fees of the requested blocks plus the next one (so one more entry than blocks),
/// and per block the priority fees at the requested percentiles.
/// </summary>
public sealed record FeeHistory(ulong OldestBlock, IReadOnlyList<BigInteger> BaseFeePerGas, IReadOnlyList<IReadOnlyList<BigInteger>> Reward);
