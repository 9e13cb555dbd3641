using System.Numerics;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>Which engine of the two the crate uses and what counts it accepts (docs/protocol.md §4).</summary>
internal static class Rate
{
    /// <summary>Bytes of work buffer one pass aims for: the work stays in the 1 MiB L2 while the transforms sweep it (measured: 256 KiB and 2 MiB are slower).</summary>
    public const int WorkBudgetBytes = 1024 * 1024;

    /// <summary>The smallest power of two ≥ x (1 for x ≤ 1).</summary>
    public static int NextPow2(int x) => x <= 1 ? 1 : (int)BitOperations.RoundUpToPowerOf2((uint)x);

    /// <summary>The crate's <c>DefaultRate::use_high_rate</c> for counts that <see cref="Validate"/> accepted.</summary>
    public static bool UseHighRate(int originalCount, int recoveryCount)
    {
        var op = NextPow2(originalCount);
        var rp = NextPow2(recoveryCount);
        return op > rp || (op == rp && originalCount <= recoveryCount);
    }

    /// <summary>Checks the counts like the crate and returns the rate to use (forced, or the default rule).</summary>
    public static bool Validate(int originalCount, int recoveryCount, bool? forceHighRate)
    {
        if (originalCount <= 0 || originalCount >= Gf16.Order)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(originalCount), $"Reed-Solomon originalCount {originalCount} must be in [1, 65535].");
        }

        if (recoveryCount <= 0 || recoveryCount >= Gf16.Order)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(recoveryCount), $"Reed-Solomon recoveryCount {recoveryCount} must be in [1, 65535].");
        }

        var high = forceHighRate ?? UseHighRate(originalCount, recoveryCount);
        if (forceHighRate is null)
        {
            var smaller = Math.Min(NextPow2(originalCount), NextPow2(recoveryCount));
            var larger = Math.Max(originalCount, recoveryCount);
            if (smaller + larger > Gf16.Order)
            {
                ThrowHelper.ArgumentOutOfRange(
                    nameof(recoveryCount),
                    $"Reed-Solomon recoveryCount {recoveryCount} is not supported with {originalCount} original shards: min(np2(o), np2(r)) + max(o, r) must be ≤ 65536.");
            }
        }

        var sum = high ? NextPow2(recoveryCount) + originalCount : NextPow2(originalCount) + recoveryCount;
        if (sum > Gf16.Order)
        {
            ThrowHelper.ArgumentOutOfRange(
                nameof(recoveryCount),
                $"Reed-Solomon recoveryCount {recoveryCount} is not supported with {originalCount} original shards by the {(high ? "high" : "low")} rate.");
        }

        return high;
    }

    /// <summary>Checks a shard size: even and positive.</summary>
    public static void ValidateShardBytes(int shardBytes)
    {
        if (shardBytes <= 0 || (shardBytes & 1) != 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(shardBytes), $"Shard size must be even and positive; it is {shardBytes}.");
        }
    }

    /// <summary>
    /// Bytes of each shard one pass handles, sized to <see cref="WorkBudgetBytes"/>: a multiple of the 128-byte work block
    /// (so every pass but the last starts on a shard block), at most the shard rounded up.
    /// </summary>
    public static int PassWidth(int shardBytes, int workShards)
    {
        var width = (WorkBudgetBytes / workShards) & ~(ShardOps.BlockBytes - 1);
        var whole = (shardBytes + (long)ShardOps.BlockBytes - 1) & ~(long)(ShardOps.BlockBytes - 1);
        return (int)Math.Min(Math.Max(width, ShardOps.BlockBytes), whole);
    }
}
