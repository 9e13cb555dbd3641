using Walrus.Core;

namespace Walrus.StorageNode.Node;

/// <summary>The node's view of the current epoch: its number, the shard count, the members and which shards this node owns.</summary>
public sealed class CommitteeView
{
    private readonly bool[] _owned;

    public CommitteeView(uint epoch, int shardCount, uint nodeId, IReadOnlyList<CommitteeMemberInfo> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Epoch = epoch;
        ShardCount = shardCount;
        NodeId = nodeId;
        Members = members;
        _owned = new bool[shardCount];
        var owned = new List<ShardIndex>();
        foreach (var member in members)
        {
            if (member.NodeId != nodeId)
            {
                continue;
            }

            foreach (var shard in member.Shards)
            {
                if (shard < shardCount && !_owned[shard])
                {
                    _owned[shard] = true;
                    owned.Add(new ShardIndex(shard));
                }
            }
        }

        owned.Sort();
        OwnedShards = owned;
    }

    /// <summary>The current epoch.</summary>
    public uint Epoch { get; }

    /// <summary>Total shards.</summary>
    public int ShardCount { get; }

    /// <summary>This node's id.</summary>
    public uint NodeId { get; }

    /// <summary>The committee, ascending by node id.</summary>
    public IReadOnlyList<CommitteeMemberInfo> Members { get; }

    /// <summary>This node's shards, ascending.</summary>
    public IReadOnlyList<ShardIndex> OwnedShards { get; }

    /// <summary>Whether this node owns <paramref name="shard"/>.</summary>
    public bool Owns(ShardIndex shard) => shard.Value < _owned.Length && _owned[shard.Value];

    /// <summary>The member that owns <paramref name="shard"/>, or null.</summary>
    public CommitteeMemberInfo? OwnerOf(ShardIndex shard)
    {
        foreach (var member in Members)
        {
            foreach (var s in member.Shards)
            {
                if (s == shard.Value)
                {
                    return member;
                }
            }
        }

        return null;
    }
}
