using System.Numerics;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>
/// The answer to a withdrawal request: either the epoch from which withdraw-stake pays (<see cref="WithdrawEpoch"/>), or,
/// for stake not yet counted for any committee, the principal paid back at once (<see cref="PaidNow"/>, the position is gone).
/// </summary>
public sealed record WithdrawRequest(BigInteger TokenId, Epoch? WithdrawEpoch, BigInteger PaidNow);
