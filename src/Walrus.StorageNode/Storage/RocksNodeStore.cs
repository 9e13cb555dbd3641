using System.Numerics;
using System.Text;
using RocksDbSharp;
using Walrus.Core;

namespace Walrus.StorageNode.Storage;

/// <summary>
/// <see cref="INodeStore"/> on one RocksDB database with a column family per record kind. Writes use a synced
/// write-ahead log; slivers (incompressible) are stored without compression.
/// </summary>
public sealed class RocksNodeStore : INodeStore
{
    private readonly RocksDb _db;
    private readonly ColumnFamilyHandle[] _families;
    private readonly WriteOptions _synced = new WriteOptions().SetSync(true);

    /// <summary>The value of a <see cref="ColumnFamily.SliverKeys"/> record (one byte: an empty value reads as absent in some bindings).</summary>
    private static ReadOnlySpan<byte> Present => [1];

    private RocksNodeStore(RocksDb db, ColumnFamilyHandle[] families)
    {
        _db = db;
        _families = families;
    }

    /// <summary>Sliver values from this size on live in blob files (smaller ones stay in the table files).</summary>
    private const ulong MinBlobBytes = 4096;

    /// <summary>The on-disk name of a column family.</summary>
    public static string Name(ColumnFamily family) => family switch
    {
        ColumnFamily.Metadata => "metadata",
        ColumnFamily.Slivers => "slivers",
        ColumnFamily.Blobs => "blobs",
        ColumnFamily.Objects => "objects",
        ColumnFamily.RecoveryQueue => "recovery_queue",
        ColumnFamily.SliverKeys => "sliver_keys",
        _ => "node_state",
    };

    /// <summary>Opens (creating if needed) the database in <paramref name="directory"/>.</summary>
    public static RocksNodeStore Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var existing = ExistingFamilies(directory);
        var options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .IncreaseParallelism(Math.Max(2, Environment.ProcessorCount))
            // Flushes and compactions write straight to disk: the sliver bytes already went through the page cache once,
            // in the write-ahead log, and a second cached copy would only evict more useful pages.
            .SetUseDirectIoForFlushAndCompaction(SupportsDirectIo(directory));
        var columnFamilies = new ColumnFamilies();
        var all = Enum.GetValues<ColumnFamily>();
        foreach (var family in all)
        {
            var familyOptions = new ColumnFamilyOptions();
            if (family == ColumnFamily.Slivers)
            {
                familyOptions.SetCompression(Compression.No).SetWriteBufferSize(64UL << 20);

                // Slivers are large and written once: kept in blob files from the first flush on, so compaction moves
                // only their keys and never copies the sliver bytes again (RocksDB's integrated BlobDB).
                // Blob garbage collection rewrites the live slivers of the oldest blob files during compaction, so the
                // space of deleted and expired blobs comes back.
                Native.Instance.rocksdb_options_set_enable_blob_files(familyOptions.Handle, 1);
                Native.Instance.rocksdb_options_set_min_blob_size(familyOptions.Handle, MinBlobBytes);
                Native.Instance.rocksdb_options_set_blob_file_size(familyOptions.Handle, 256UL << 20);
                Native.Instance.rocksdb_options_set_enable_blob_gc(familyOptions.Handle, 1);
            }

            columnFamilies.Add(Name(family), familyOptions);
        }

        var db = RocksDb.Open(options, directory, columnFamilies);
        var handles = new ColumnFamilyHandle[all.Length];
        foreach (var family in all)
        {
            handles[(int)family] = db.GetColumnFamily(Name(family));
        }

        var store = new RocksNodeStore(db, handles);
        if (existing.Contains(Name(ColumnFamily.Slivers)) && !existing.Contains(Name(ColumnFamily.SliverKeys)))
        {
            // A database written before the key index existed: index its slivers once.
            store.IndexSliverKeys();
        }

        return store;
    }

    /// <summary>
    /// Whether the file system under <paramref name="directory"/> is one known to take O_DIRECT writes (tmpfs, for one,
    /// refuses them, and RocksDB would then fail every flush).
    /// </summary>
    internal static bool SupportsDirectIo(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return new DriveInfo(directory).DriveFormat is "ext4" or "ext3" or "xfs" or "btrfs" or "f2fs";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static HashSet<string> ExistingFamilies(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "CURRENT")))
        {
            return [];
        }

        return [.. RocksDb.ListColumnFamilies(new DbOptions(), directory)];
    }

    private void IndexSliverKeys()
    {
        using var iterator = _db.NewIterator(Cf(ColumnFamily.Slivers));
        using var batch = new WriteBatch();
        for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
        {
            batch.Put(iterator.GetKeySpan(), Present, Cf(ColumnFamily.SliverKeys));
        }

        _db.Write(batch, _synced);
    }

    private ColumnFamilyHandle Cf(ColumnFamily family) => _families[(int)family];

    private static byte[] Key(BlobId blobId) => blobId.ToArray();

    private static byte[] Key(BigInteger objectId)
    {
        var key = new byte[32];
        objectId.TryWriteBytes(key.AsSpan(32 - objectId.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return key;
    }

    public byte[]? GetMetadata(BlobId blobId) => _db.Get(Key(blobId), Cf(ColumnFamily.Metadata));

    public bool HasMetadata(BlobId blobId) => _db.HasKey(Key(blobId), Cf(ColumnFamily.Metadata));

    public void PutMetadata(BlobId blobId, ReadOnlySpan<byte> metadata) => _db.Put(Key(blobId), metadata, Cf(ColumnFamily.Metadata), _synced);

    public byte[]? GetSliver(ShardIndex shard, BlobId blobId, SliverType type) =>
        _db.Get(SliverKey.Create(shard, blobId, type), Cf(ColumnFamily.Slivers));

    public bool HasSliver(ShardIndex shard, BlobId blobId, SliverType type)
    {
        Span<byte> key = stackalloc byte[SliverKey.Length];
        SliverKey.Write(key, shard, blobId, type);
        return _db.HasKey(key, Cf(ColumnFamily.SliverKeys));
    }

    public void PutSliver(ShardIndex shard, BlobId blobId, SliverType type, ReadOnlySpan<byte> sliver)
    {
        Span<byte> key = stackalloc byte[SliverKey.Length];
        SliverKey.Write(key, shard, blobId, type);
        using var batch = new WriteBatch();
        batch.Put(key, sliver, Cf(ColumnFamily.Slivers));
        batch.Put(key, Present, Cf(ColumnFamily.SliverKeys));
        _db.Write(batch, _synced);
    }

    public void PutSlivers(BlobId blobId, IReadOnlyList<(ShardIndex Shard, SliverType Type, byte[] Sliver)> slivers)
    {
        ArgumentNullException.ThrowIfNull(slivers);
        using var batch = new WriteBatch();
        foreach (var (shard, type, sliver) in slivers)
        {
            var key = SliverKey.Create(shard, blobId, type);
            batch.Put(key, sliver, Cf(ColumnFamily.Slivers));
            batch.Put(key, Present, Cf(ColumnFamily.SliverKeys));
        }

        _db.Write(batch, _synced);
    }

    public IEnumerable<(BlobId BlobId, SliverType Type, byte[] Sliver)> ScanShard(ShardIndex shard, BlobId? fromBlobId = null)
    {
        var start = fromBlobId is { } from ? SliverKey.Create(shard, from, SliverType.Primary) : SliverKey.ShardStart(shard);
        var end = SliverKey.ShardEnd(shard);
        using var iterator = _db.NewIterator(Cf(ColumnFamily.Slivers));
        for (iterator.Seek(start); iterator.Valid(); iterator.Next())
        {
            var key = iterator.Key();
            if (key.AsSpan().SequenceCompareTo(end) >= 0)
            {
                yield break;
            }

            var (_, blobId, type) = SliverKey.Read(key);
            yield return (blobId, type, iterator.Value());
        }
    }

    public void DropShard(ShardIndex shard)
    {
        using var batch = new WriteBatch();
        var start = SliverKey.ShardStart(shard);
        var end = SliverKey.ShardEnd(shard);
        batch.DeleteRange(start, (ulong)start.Length, end, (ulong)end.Length, Cf(ColumnFamily.Slivers));
        batch.DeleteRange(start, (ulong)start.Length, end, (ulong)end.Length, Cf(ColumnFamily.SliverKeys));
        _db.Write(batch, _synced);
        _db.CompactRange(start, end, Cf(ColumnFamily.Slivers));
    }

    public void DeleteBlobData(BlobId blobId, IEnumerable<ShardIndex> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        using var batch = new WriteBatch();
        batch.Delete(Key(blobId), Cf(ColumnFamily.Metadata));
        batch.Delete(Key(blobId), Cf(ColumnFamily.RecoveryQueue));
        foreach (var shard in shards)
        {
            foreach (var type in (ReadOnlySpan<SliverType>)[SliverType.Primary, SliverType.Secondary])
            {
                var key = SliverKey.Create(shard, blobId, type);
                batch.Delete(key, Cf(ColumnFamily.Slivers));
                batch.Delete(key, Cf(ColumnFamily.SliverKeys));
            }
        }

        _db.Write(batch, _synced);
    }

    public BlobRecord? GetBlob(BlobId blobId) =>
        _db.Get(Key(blobId), Cf(ColumnFamily.Blobs)) is { } bytes && BlobRecord.TryDeserialize(bytes, out var record) ? record : null;

    public void PutBlob(BlobId blobId, BlobRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _db.Put(Key(blobId), record.Serialize(), Cf(ColumnFamily.Blobs), _synced);
    }

    public IEnumerable<(BlobId BlobId, BlobRecord Record)> ScanBlobs()
    {
        using var iterator = _db.NewIterator(Cf(ColumnFamily.Blobs));
        for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
        {
            if (BlobRecord.TryDeserialize(iterator.GetValueSpan(), out var record))
            {
                yield return (new BlobId(iterator.GetKeySpan()), record);
            }
        }
    }

    public BlobObjectRecord? GetObject(BigInteger objectId) =>
        _db.Get(Key(objectId), Cf(ColumnFamily.Objects)) is { } bytes && BlobObjectRecord.TryDeserialize(bytes, out var record) ? record : null;

    public void PutObject(BigInteger objectId, BlobObjectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _db.Put(Key(objectId), record.Serialize(), Cf(ColumnFamily.Objects), _synced);
    }

    public void AddRecovery(BlobId blobId) => _db.Put(Key(blobId), Array.Empty<byte>(), Cf(ColumnFamily.RecoveryQueue), _synced);

    public void RemoveRecovery(BlobId blobId) => _db.Remove(Key(blobId), Cf(ColumnFamily.RecoveryQueue), _synced);

    public IReadOnlyList<BlobId> RecoveryQueue(int max)
    {
        var result = new List<BlobId>();
        using var iterator = _db.NewIterator(Cf(ColumnFamily.RecoveryQueue));
        for (iterator.SeekToFirst(); iterator.Valid() && result.Count < max; iterator.Next())
        {
            result.Add(new BlobId(iterator.GetKeySpan()));
        }

        return result;
    }

    public byte[]? GetState(string name) => _db.Get(Encoding.UTF8.GetBytes(name), Cf(ColumnFamily.NodeState));

    public void PutState(string name, ReadOnlySpan<byte> value) => _db.Put(Encoding.UTF8.GetBytes(name), value, Cf(ColumnFamily.NodeState), _synced);

    public void Dispose() => _db.Dispose();
}
