namespace Walrus.Chain.Services;

/// <summary>
/// An epoch's committee, members ascending by node id (the order certificate bitmaps refer to), and the
/// total shard count.
/// </summary>
public sealed record Committee(uint Epoch, int ShardCount, IReadOnlyList<CommitteeMember> Members)
{
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
}
