using Walrus.Core;

namespace Walrus.Gateway.Tests;

/// <summary>The read cache's disk tier, on real files in a temporary folder.</summary>
public sealed class DiskBlobCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "walrus-disk-cache-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_blob_written_whole_is_served_whole_and_by_ranges_across_chunks()
    {
        var cache = new DiskBlobCache(_folder, capacityBytes: 64L << 20, maxEntryBytes: 16L << 20);
        var blob = Random(1, (3 * DiskBlobCache.ChunkBytes) + 12345);

        await AddAsync(cache, Id(1), blob);

        Assert.Equal(blob.Length, cache.TryGetLength(Id(1)));
        Assert.Equal(blob, await CopyAsync(cache, Id(1), 0, blob.Length));
        var start = DiskBlobCache.ChunkBytes - 10;
        Assert.Equal(blob.AsSpan(start, DiskBlobCache.ChunkBytes + 20).ToArray(), await CopyAsync(cache, Id(1), start, DiskBlobCache.ChunkBytes + 20));
        Assert.Equal(blob.AsSpan(blob.Length - 5).ToArray(), await CopyAsync(cache, Id(1), blob.Length - 5, 5));
    }

    [Fact]
    public async Task An_entry_not_written_whole_is_never_kept()
    {
        var cache = new DiskBlobCache(_folder, capacityBytes: 1 << 20, maxEntryBytes: 1 << 20);
        var blob = Random(2, 1000);
        using (var entry = cache.BeginAdd(Id(2), blob.Length)!)
        {
            await entry.WriteAsync(blob.AsMemory(0, 600));
            await entry.CommitAsync(CancellationToken.None);
        }

        Assert.Null(cache.TryGetLength(Id(2)));
        Assert.Empty(Directory.GetFiles(_folder));
        Assert.Throws<InvalidOperationException>(() => cache.BeginAdd(Id(3), 10)!.Write(new byte[11]));
    }

    [Fact]
    public async Task A_damaged_chunk_is_refused_before_its_bytes_leave_and_the_entry_is_deleted()
    {
        var cache = new DiskBlobCache(_folder, capacityBytes: 64L << 20, maxEntryBytes: 16L << 20);
        var blob = Random(3, (2 * DiskBlobCache.ChunkBytes) + 7);
        await AddAsync(cache, Id(3), blob);
        var path = Path.Combine(_folder, Id(3).ToString());
        // Flip one byte in the second chunk (the file ends with the blob).
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = file.Length - blob.Length + DiskBlobCache.ChunkBytes + 100;
            var b = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(b ^ 0x40));
        }

        // The first chunk is intact and may be served; the damaged second one never is.
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<InvalidDataException>(() => cache.TryCopyAsync(Id(3), 0, blob.Length, output, CancellationToken.None));
        Assert.Equal(DiskBlobCache.ChunkBytes, output.Length);
        Assert.Equal(blob.AsSpan(0, DiskBlobCache.ChunkBytes).ToArray(), output.ToArray());
        Assert.Null(cache.TryGetLength(Id(3)));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task The_least_recently_used_blob_is_evicted_and_the_index_survives_a_restart()
    {
        var cache = new DiskBlobCache(_folder, capacityBytes: 3000, maxEntryBytes: 2000);
        await AddAsync(cache, Id(4), Random(4, 1000));
        await AddAsync(cache, Id(5), Random(5, 1000));
        await AddAsync(cache, Id(6), Random(6, 1000));
        Assert.NotNull(cache.TryGetLength(Id(4)));

        await AddAsync(cache, Id(7), Random(7, 1000));

        Assert.Null(cache.TryGetLength(Id(5)));
        Assert.False(File.Exists(Path.Combine(_folder, Id(5).ToString())));
        Assert.Equal(3000, cache.Size);
        Assert.Null(cache.BeginAdd(Id(8), 2001));

        // A leftover of a write that never finished is removed; the entries are indexed again.
        await File.WriteAllBytesAsync(Path.Combine(_folder, Id(9) + ".0123.partial"), [1, 2, 3]);
        var reopened = new DiskBlobCache(_folder, capacityBytes: 3000, maxEntryBytes: 2000);

        Assert.Equal(3, reopened.Count);
        Assert.Equal(Random(7, 1000), await CopyAsync(reopened, Id(7), 0, 1000));
        Assert.Equal(Random(4, 1000), await CopyAsync(reopened, Id(4), 0, 1000));
        Assert.Equal(3, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public async Task A_file_whose_header_lies_about_its_size_is_dropped_at_start()
    {
        var cache = new DiskBlobCache(_folder, capacityBytes: 1 << 20, maxEntryBytes: 1 << 20);
        await AddAsync(cache, Id(10), Random(10, 5000));
        var path = Path.Combine(_folder, Id(10).ToString());
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.SetLength(file.Length - 1);
        }

        var reopened = new DiskBlobCache(_folder, capacityBytes: 1 << 20, maxEntryBytes: 1 << 20);

        Assert.Equal(0, reopened.Count);
        Assert.False(File.Exists(path));
    }

    private static async Task AddAsync(DiskBlobCache cache, BlobId id, byte[] blob)
    {
        using var entry = cache.BeginAdd(id, blob.Length)!;
        // Written in uneven pieces, as a network read delivers them.
        for (var offset = 0; offset < blob.Length; offset += 77_777)
        {
            await entry.WriteAsync(blob.AsMemory(offset, Math.Min(77_777, blob.Length - offset)));
        }

        await entry.CommitAsync(CancellationToken.None);
    }

    private static async Task<byte[]> CopyAsync(DiskBlobCache cache, BlobId id, long offset, long count)
    {
        using var output = new MemoryStream();
        Assert.True(await cache.TryCopyAsync(id, offset, count, output, CancellationToken.None));
        return output.ToArray();
    }

    private static byte[] Random(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static BlobId Id(byte b)
    {
        var bytes = new byte[32];
        bytes[0] = b;
        return BlobId.TryParse(Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'), out var id) ? id : throw new InvalidOperationException();
    }
}
