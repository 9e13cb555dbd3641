using System.Globalization;
using System.Net;

namespace Walrus.Gateway.Tests;

/// <summary>The aggregator's disk cache tier over real HTTP, against the real local network.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class AggregatorDiskCacheTests(GatewayCluster gateway) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "walrus-aggregator-disk-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Reads_are_served_from_disk_across_a_restart_and_a_damaged_copy_is_never_served()
    {
        var blob = GatewayCluster.RandomBlob(611, DiskBlobCache.ChunkBytes + 4321);
        var stored = await gateway.Client.StoreAsync(blob, new Walrus.Client.StoreOptions { Epochs = 2 });
        var path = "/v1/blobs/" + stored.BlobId;
        // No memory tier: every hit below is the disk's.
        var options = new GatewayOptions { Publisher = false, Aggregator = true, CacheBytes = 0, DiskCacheDirectory = _folder };

        await using (var first = await gateway.StartAsync(options))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            Assert.Equal(blob, await http.GetByteArrayAsync(path));
            Assert.Equal(blob, await http.GetByteArrayAsync(path));
            Assert.Equal(1, await MetricAsync(http, "walrus_gateway_disk_cache_hits"));
            Assert.Equal(1, await MetricAsync(http, "walrus_gateway_cache_misses"));
        }

        await using (var second = await gateway.StartAsync(options))
        {
            using var http = new HttpClient { BaseAddress = second.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Range", "bytes=1048570-1048589");
            using var range = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
            Assert.Equal(blob.AsSpan(1_048_570, 20).ToArray(), await range.Content.ReadAsByteArrayAsync());
            Assert.Equal(1, await MetricAsync(http, "walrus_gateway_disk_cache_hits"));
            Assert.Equal(0, await MetricAsync(http, "walrus_gateway_cache_misses"));

            // Rot in the first chunk: found before a byte leaves, so the nodes answer instead, and the copy is gone.
            var file = Path.Combine(_folder, stored.BlobId.ToString());
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Position = stream.Length - blob.Length + 10;
                stream.WriteByte((byte)(blob[10] ^ 0xFF));
            }

            Assert.Equal(blob, await http.GetByteArrayAsync(path));
            Assert.Equal(1, await MetricAsync(http, "walrus_gateway_disk_cache_damaged"));
            Assert.Equal(1, await MetricAsync(http, "walrus_gateway_cache_misses"));
            // The read from the nodes wrote a fresh, whole copy.
            Assert.Equal(blob, await http.GetByteArrayAsync(path));
            Assert.Equal(2, await MetricAsync(http, "walrus_gateway_disk_cache_hits"));
        }
    }

    private static async Task<double> MetricAsync(HttpClient http, string name)
    {
        var text = await http.GetStringAsync("/metrics");
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
