namespace Walrus.StorageNode.Epochs;

/// <summary>The node-to-node shard migration route and its own error reasons (only nodes call it, so they live with the node).</summary>
public static class SyncShardRoutes
{
    /// <summary>POST a signed <see cref="SyncShardMessage"/> (BCS); answers a page of slivers (BCS).</summary>
    public const string SyncShard = "/v1/migrate/sync_shard";

    /// <summary>The request is not signed by the node that owns the shard in the current epoch (403).</summary>
    public const string NotShardOwner = "SYNC_NOT_SHARD_OWNER";

    /// <summary>The request's epoch is not the node's current epoch (409; the node may not have seen the change yet).</summary>
    public const string WrongEpoch = "SYNC_WRONG_EPOCH";

    /// <summary>This node does not hold the shard's data for handing over (404).</summary>
    public const string ShardNotHeld = "SYNC_SHARD_NOT_HELD";
}
