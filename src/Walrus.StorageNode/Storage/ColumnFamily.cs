namespace Walrus.StorageNode.Storage;

/// <summary>The kinds of record a node stores, one RocksDB column family each. The names are on disk: never rename.</summary>
public enum ColumnFamily
{
    /// <summary>blob id (32) -> BCS BlobMetadata.</summary>
    Metadata,

    /// <summary>shard (u16 BE) ‖ blob id (32) ‖ sliver type (1) -> BCS SliverData, so a shard is one contiguous range in blob-id order.</summary>
    Slivers,

    /// <summary>blob id (32) -> <see cref="BlobRecord"/>.</summary>
    Blobs,

    /// <summary>object id (32, BE) -> <see cref="BlobObjectRecord"/>.</summary>
    Objects,

    /// <summary>blob id (32) -> empty: certified blobs whose slivers this node still has to recover.</summary>
    RecoveryQueue,

    /// <summary>name (UTF-8) -> value: the event cursor, the last epoch seen and other node state.</summary>
    NodeState,

    /// <summary>
    /// The keys of <see cref="Slivers"/> -> one byte, written in the same batch: "is this sliver stored?" reads a tiny
    /// record instead of a sliver of up to megabytes.
    /// </summary>
    SliverKeys,
}
