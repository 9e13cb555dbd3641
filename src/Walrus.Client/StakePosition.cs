using System.Numerics;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>
/// A staked WAL position (StakedWal token): the node it backs, the principal and its current value in FROST, from which
/// epoch it counts, and from which epoch it can be withdrawn (null until a withdrawal is requested).
/// </summary>
public sealed record StakePosition(BigInteger TokenId, uint NodeId, BigInteger Principal, BigInteger Value, Epoch ActivationEpoch, Epoch? WithdrawEpoch, StakeState State);
