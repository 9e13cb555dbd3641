using Walrus.Core;

namespace Walrus.Gateway.Tests;

/// <summary>The read cache: bounded by size, least recently used evicted first.</summary>
public sealed class BlobCacheTests
{
    private static BlobId Id(byte b)
    {
        var bytes = new byte[32];
        bytes[0] = b;
        return BlobId.TryParse(Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'), out var id) ? id : throw new InvalidOperationException();
    }

    [Fact]
    public void The_least_recently_used_blob_is_evicted_when_the_budget_is_passed()
    {
        var cache = new BlobCache(capacityBytes: 300, maxEntryBytes: 200);
        cache.Add(Id(1), new byte[100]);
        cache.Add(Id(2), new byte[100]);
        cache.Add(Id(3), new byte[100]);
        Assert.NotNull(cache.TryGet(Id(1)));

        cache.Add(Id(4), new byte[100]);

        Assert.NotNull(cache.TryGet(Id(1)));
        Assert.Null(cache.TryGet(Id(2)));
        Assert.NotNull(cache.TryGet(Id(3)));
        Assert.NotNull(cache.TryGet(Id(4)));
        Assert.Equal(300, cache.Size);
    }

    [Fact]
    public void A_blob_over_the_entry_limit_is_not_kept()
    {
        var cache = new BlobCache(capacityBytes: 1000, maxEntryBytes: 200);
        cache.Add(Id(1), new byte[201]);
        Assert.Null(cache.TryGet(Id(1)));
        Assert.Equal(0, cache.Size);
    }
}
