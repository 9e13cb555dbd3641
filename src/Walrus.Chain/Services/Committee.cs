using System.Diagnostics.CodeAnalysis;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>
/// An epoch's committee, members ascending by node id (the order certificate bitmaps refer to), the total shard
/// count, and the block it was read at. Finds the member that holds a shard.
/// </summary>
public sealed class Committee
{
    private readonly int[] _holder;

    /// <summary>Creates a committee; every shard below <paramref name="shardCount"/> may belong to at most one member.</summary>
    /// <exception cref="ArgumentException">A shard is out of range or held twice.</exception>
    public Committee(Epoch epoch, int shardCount, IReadOnlyList<CommitteeMember> members, ulong blockNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfNegative(shardCount);
        Epoch = epoch;
        ShardCount = shardCount;
        Members = members;
        BlockNumber = blockNumber;
        _holder = new int[shardCount];
        Array.Fill(_holder, -1);
        for (var i = 0; i < members.Count; i++)
        {
            foreach (var shard in members[i].Shards)
            {
                if (shard.Value >= shardCount || _holder[shard.Value] >= 0)
                {
                    throw new ArgumentException($"Shard {shard} is out of range or held by two members.", nameof(members));
                }

                _holder[shard.Value] = i;
            }
        }
    }

    /// <summary>The epoch.</summary>
    public Epoch Epoch { get; }

    /// <summary>Shards of the system (n).</summary>
    public int ShardCount { get; }

    /// <summary>Members ascending by node id.</summary>
    public IReadOnlyList<CommitteeMember> Members { get; }

    /// <summary>The block every part of this committee was read at (0 when built by hand).</summary>
    public ulong BlockNumber { get; }

    /// <summary>Whether <paramref name="weight"/> shards reach a strong quorum (3w >= 2n + 1).</summary>
    public bool IsQuorum(int weight) => 3 * weight >= (2 * ShardCount) + 1;

    /// <summary>Whether <paramref name="weight"/> shards include at least one honest node (3w >= n + 1).</summary>
    public bool IsValidity(int weight) => 3 * weight >= ShardCount + 1;

    /// <summary>The member index of a node, or -1.</summary>
    public int IndexOf(uint nodeId)
    {
        for (var i = 0; i < Members.Count; i++)
        {
            if (Members[i].NodeId == nodeId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The member that holds <paramref name="shard"/>; false if the shard is out of range or unassigned.</summary>
    public bool TryGetHolder(ShardIndex shard, [NotNullWhen(true)] out CommitteeMember? member)
    {
        member = shard.Value < _holder.Length && _holder[shard.Value] is var index and >= 0 ? Members[index] : null;
        return member is not null;
    }
}
