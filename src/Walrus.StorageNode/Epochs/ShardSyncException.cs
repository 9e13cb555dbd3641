namespace Walrus.StorageNode.Epochs;

/// <summary>A shard-sync request that failed: refused by the previous owner, or answered with something that is not a page.</summary>
public sealed class ShardSyncException : Exception
{
    public ShardSyncException()
    {
    }

    public ShardSyncException(string message)
        : base(message)
    {
    }

    public ShardSyncException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
