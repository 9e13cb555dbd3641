namespace Walrus.StorageNode.Epochs;

/// <summary>Where a shard stands in an epoch change. The values are persisted: never renumber.</summary>
public enum ShardMigrationStatus : byte
{
    /// <summary>Held and complete.</summary>
    Owned = 0,

    /// <summary>Gained: slivers are being pulled from the previous owner.</summary>
    InTransfer = 1,

    /// <summary>Gained: the previous owner failed, slivers are being rebuilt from other nodes' recovery symbols.</summary>
    InRecovery = 2,

    /// <summary>Lost: its data stays until EpochChangeDone and is served to its new owner.</summary>
    Locked = 3,
}
