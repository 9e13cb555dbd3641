using System.Numerics;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>A snapshot of the System contract: epoch, state, shards, prices (FROST per MiB), capacity (bytes), timing.</summary>
public sealed record SystemState(
    Epoch Epoch,
    EpochState State,
    int ShardCount,
    ulong StoragePrice,
    ulong WritePrice,
    BigInteger TotalCapacity,
    BigInteger UsedCapacity,
    ulong EpochDuration,
    uint MaxEpochsAhead,
    BigInteger VotingEndAt,
    BigInteger EpochChangeAt);
