using Walrus.Core;
using Walrus.StorageNode.Storage;

namespace Walrus.StorageNode.Tests;

public sealed class StorageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "walrus-store-test-" + Guid.NewGuid().ToString("N"));

    private static BlobId Id(byte first, byte last)
    {
        var bytes = new byte[32];
        bytes[0] = first;
        bytes[31] = last;
        return new BlobId(bytes);
    }

    [Fact]
    public void A_shard_streams_in_blob_id_order_and_drops_as_one_range()
    {
        using (var store = RocksNodeStore.Open(_directory))
        {
            var ids = new[] { Id(9, 1), Id(1, 2), Id(5, 3), Id(255, 4) };
            foreach (var id in ids)
            {
                store.PutSliver(new ShardIndex(3), id, SliverType.Secondary, [1]);
                store.PutSliver(new ShardIndex(3), id, SliverType.Primary, [0]);
                store.PutSliver(new ShardIndex(2), id, SliverType.Primary, [2]);
                store.PutSliver(new ShardIndex(4), id, SliverType.Primary, [4]);
            }

            var scanned = store.ScanShard(new ShardIndex(3)).ToList();
            Assert.Equal(8, scanned.Count);
            Assert.Equal(ids.OrderBy(i => i.ToHex(), StringComparer.Ordinal).SelectMany(i => new[] { i, i }), scanned.Select(s => s.BlobId));
            Assert.All(scanned, s => Assert.Equal((byte)s.Type, s.Sliver[0]));
            Assert.Equal(6, store.ScanShard(new ShardIndex(3), Id(5, 3)).Count());

            Assert.True(store.HasSliver(new ShardIndex(3), Id(5, 3), SliverType.Secondary));
            store.DropShard(new ShardIndex(3));
            Assert.Empty(store.ScanShard(new ShardIndex(3)));
            Assert.False(store.HasSliver(new ShardIndex(3), Id(5, 3), SliverType.Secondary));
            Assert.True(store.HasSliver(new ShardIndex(2), Id(5, 3), SliverType.Primary));
            Assert.Equal(4, store.ScanShard(new ShardIndex(2)).Count());
            Assert.Equal(4, store.ScanShard(new ShardIndex(4)).Count());
        }
    }

    [Fact]
    public void Records_survive_reopening_the_database()
    {
        var id = Id(7, 7);
        using (var store = RocksNodeStore.Open(_directory))
        {
            store.PutMetadata(id, [1, 2, 3]);
            store.PutSliver(new ShardIndex(65535), id, SliverType.Primary, [9, 9]);
            store.PutBlob(id, new BlobRecord { PermanentTotal = 2, EndEpoch = 8, InitialCertifiedEpoch = 3, StatusEvent = new Walrus.Core.NodeApi.EventId("0xab", 4) });
            store.PutObject(12345, new BlobObjectRecord(id, true, 8, true, false));
            store.AddRecovery(id);
            store.PutState("cursor", [42]);
        }

        using (var reopened = RocksNodeStore.Open(_directory))
        {
            Assert.Equal([1, 2, 3], reopened.GetMetadata(id));
            Assert.Equal([9, 9], reopened.GetSliver(new ShardIndex(65535), id, SliverType.Primary));
            Assert.Single(reopened.ScanShard(new ShardIndex(65535)));
            var record = reopened.GetBlob(id)!;
            Assert.Equal(new BlobRecord { PermanentTotal = 2, EndEpoch = 8, InitialCertifiedEpoch = 3, StatusEvent = new Walrus.Core.NodeApi.EventId("0xab", 4) }, record);
            Assert.Equal(new BlobObjectRecord(id, true, 8, true, false), reopened.GetObject(12345));
            Assert.Equal([id], reopened.RecoveryQueue(10));
            Assert.Equal([42], reopened.GetState("cursor"));
            Assert.True(reopened.HasSliver(new ShardIndex(65535), id, SliverType.Primary));
            Assert.False(reopened.HasSliver(new ShardIndex(65535), id, SliverType.Secondary));
            reopened.DeleteBlobData(id, [new ShardIndex(65535)]);
            Assert.False(reopened.HasSliver(new ShardIndex(65535), id, SliverType.Primary));
            Assert.Null(reopened.GetMetadata(id));
            Assert.Empty(reopened.RecoveryQueue(10));
            Assert.Empty(reopened.ScanShard(new ShardIndex(65535)));
        }
    }

    [Fact]
    public void A_database_from_before_the_sliver_key_index_gets_its_slivers_indexed_when_opened()
    {
        var id = Id(3, 4);
        var key = SliverKey.Create(new ShardIndex(7), id, SliverType.Primary);
        var options = new RocksDbSharp.DbOptions().SetCreateIfMissing(true).SetCreateMissingColumnFamilies(true);
        var families = new RocksDbSharp.ColumnFamilies();
        foreach (var family in Enum.GetValues<ColumnFamily>().Where(f => f != ColumnFamily.SliverKeys))
        {
            families.Add(RocksNodeStore.Name(family), new RocksDbSharp.ColumnFamilyOptions());
        }

        using (var old = RocksDbSharp.RocksDb.Open(options, _directory, families))
        {
            old.Put(key, new byte[] { 5, 5, 5 }, old.GetColumnFamily(RocksNodeStore.Name(ColumnFamily.Slivers)));
        }

        using var store = RocksNodeStore.Open(_directory);
        Assert.True(store.HasSliver(new ShardIndex(7), id, SliverType.Primary));
        Assert.False(store.HasSliver(new ShardIndex(7), id, SliverType.Secondary));
        Assert.Equal([5, 5, 5], store.GetSliver(new ShardIndex(7), id, SliverType.Primary));
    }

    [Fact]
    public void Slivers_flushed_to_blob_files_read_back_after_reopening()
    {
        // 12 x 6 MiB passes the 64 MiB write buffer of the sliver column family: at least one flush writes blob files
        // (with direct writes where the file system takes them).
        var slivers = Enumerable.Range(0, 12).Select(i =>
        {
            var bytes = new byte[6 << 20];
            new Random(i).NextBytes(bytes);
            return bytes;
        }).ToArray();
        using (var store = RocksNodeStore.Open(_directory))
        {
            for (var i = 0; i < slivers.Length; i++)
            {
                store.PutSliver(new ShardIndex((ushort)i), Id(9, (byte)i), SliverType.Secondary, slivers[i]);
            }
        }

        using var reopened = RocksNodeStore.Open(_directory);
        for (var i = 0; i < slivers.Length; i++)
        {
            Assert.True(reopened.HasSliver(new ShardIndex((ushort)i), Id(9, (byte)i), SliverType.Secondary));
            Assert.Equal(slivers[i], reopened.GetSliver(new ShardIndex((ushort)i), Id(9, (byte)i), SliverType.Secondary));
        }

        Assert.NotEmpty(Directory.GetFiles(_directory, "*.blob"));
    }

    [Fact]
    public void Direct_writes_are_used_only_on_file_systems_that_take_them()
    {
        if (Directory.Exists("/dev/shm") && new DriveInfo("/dev/shm").DriveFormat == "tmpfs")
        {
            Assert.False(RocksNodeStore.SupportsDirectIo("/dev/shm"));
            var onTmpfs = Path.Combine("/dev/shm", "walrus-store-test-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var store = RocksNodeStore.Open(onTmpfs);
                store.PutSliver(new ShardIndex(1), Id(1, 1), SliverType.Primary, new byte[8192]);
                Assert.True(store.HasSliver(new ShardIndex(1), Id(1, 1), SliverType.Primary));
            }
            finally
            {
                Directory.Delete(onTmpfs, recursive: true);
            }
        }

        Assert.False(RocksNodeStore.SupportsDirectIo("/proc"));
    }

    [Fact]
    public void Column_family_names_and_sliver_key_layout_are_frozen()
    {
        Assert.Equal(["metadata", "slivers", "blobs", "objects", "recovery_queue", "node_state", "sliver_keys"], Enum.GetValues<ColumnFamily>().Select(RocksNodeStore.Name));
        var key = SliverKey.Create(new ShardIndex(0x0102), Id(0xAA, 0xBB), SliverType.Secondary);
        Assert.Equal(35, key.Length);
        Assert.Equal(new byte[] { 0x01, 0x02, 0xAA }, key[..3]);
        Assert.Equal(new byte[] { 0xBB, 0x01 }, key[^2..]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
