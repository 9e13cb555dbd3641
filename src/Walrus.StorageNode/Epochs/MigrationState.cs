using System.Diagnostics.CodeAnalysis;
using Walrus.Core;

namespace Walrus.StorageNode.Epochs;

/// <summary>
/// The node's persisted epoch-change progress (node-state value <see cref="Key"/>): the epoch, whether the metadata of
/// certified blobs was synced and the sync attested, when the change started and finished here, and every gained or
/// locked shard with its cursors, so a restarted node resumes where it stopped.
/// </summary>
public sealed class MigrationState
{
    /// <summary>The node-state key.</summary>
    public const string Key = "epoch-migration";

    private const byte Version = 1;

    /// <summary>The epoch of the last change this node took part in.</summary>
    public uint Epoch { get; set; }

    /// <summary>Whether the metadata of every blob certified before the change is stored.</summary>
    public bool MetadataSynced { get; set; }

    /// <summary>Whether epochSyncDone was called (or is not this node's to call).</summary>
    public bool SyncAttested { get; set; }

    /// <summary>Unix milliseconds when the node saw EpochChangeStart.</summary>
    public long StartedAtMs { get; set; }

    /// <summary>Unix milliseconds when all its gained shards were complete (0 while not).</summary>
    public long CompletedAtMs { get; set; }

    /// <summary>Gained and locked shards, by shard index.</summary>
    public SortedDictionary<ushort, ShardMigration> Shards { get; } = [];

    /// <summary>The shards locked for hand-over.</summary>
    public IEnumerable<ShardIndex> LockedShards => Shards.Values.Where(s => s.Status == ShardMigrationStatus.Locked).Select(s => s.Shard);

    /// <summary>The binary form.</summary>
    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Version);
            writer.Write(Epoch);
            writer.Write(MetadataSynced);
            writer.Write(SyncAttested);
            writer.Write(StartedAtMs);
            writer.Write(CompletedAtMs);
            writer.Write(Shards.Count);
            foreach (var shard in Shards.Values)
            {
                writer.Write(shard.Shard.Value);
                writer.Write((byte)shard.Status);
                writer.Write(shard.Epoch);
                writer.Write(shard.PeerNodeId);
                writer.Write(shard.PeerAddress);
                WriteCursor(writer, shard.PrimaryCursor);
                WriteCursor(writer, shard.SecondaryCursor);
                writer.Write(shard.SliversReceived);
                writer.Write(shard.BytesReceived);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads the binary form; false when it is not one.</summary>
    public static bool TryDeserialize(byte[] bytes, [NotNullWhen(true)] out MigrationState? state)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        state = null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            if (reader.ReadByte() != Version)
            {
                return false;
            }

            var result = new MigrationState
            {
                Epoch = reader.ReadUInt32(),
                MetadataSynced = reader.ReadBoolean(),
                SyncAttested = reader.ReadBoolean(),
                StartedAtMs = reader.ReadInt64(),
                CompletedAtMs = reader.ReadInt64(),
            };
            var count = reader.ReadInt32();
            if (count is < 0 or > ushort.MaxValue + 1)
            {
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                var shard = new ShardMigration
                {
                    Shard = new ShardIndex(reader.ReadUInt16()),
                    Status = (ShardMigrationStatus)reader.ReadByte(),
                    Epoch = reader.ReadUInt32(),
                    PeerNodeId = reader.ReadUInt32(),
                    PeerAddress = reader.ReadString(),
                    PrimaryCursor = ReadCursor(reader),
                    SecondaryCursor = ReadCursor(reader),
                    SliversReceived = reader.ReadInt64(),
                    BytesReceived = reader.ReadInt64(),
                };
                result.Shards[shard.Shard.Value] = shard;
            }

            state = result;
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private static void WriteCursor(BinaryWriter writer, BlobId? cursor)
    {
        writer.Write(cursor is not null);
        if (cursor is { } id)
        {
            writer.Write(id.ToArray());
        }
    }

    private static BlobId? ReadCursor(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var bytes = reader.ReadBytes(BlobId.Length);
        return bytes.Length == BlobId.Length ? new BlobId(bytes) : throw new EndOfStreamException();
    }
}
