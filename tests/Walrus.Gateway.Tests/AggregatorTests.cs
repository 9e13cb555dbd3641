using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Core;
using Walrus.StorageNode.Node;

namespace Walrus.Gateway.Tests;

/// <summary>GET/HEAD /v1/blobs over real HTTP against a real network: ranges, ETag, caching headers, errors.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class AggregatorTests(GatewayCluster gateway)
{
    private const int Size = 300_000;

    private static readonly byte[] Blob = GatewayCluster.RandomBlob(201, Size);

    private static BlobId? s_blobId;

    private async Task<BlobId> StoredAsync()
    {
        if (s_blobId is { } known)
        {
            return known;
        }

        var stored = await gateway.Client.StoreAsync(Blob, new Walrus.Client.StoreOptions { Epochs = 3 });
        s_blobId = stored.BlobId;
        return stored.BlobId;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? configure = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        configure?.Invoke(request);
        return await gateway.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_blob_reads_whole_with_its_etag_and_caching_headers()
    {
        var blobId = await StoredAsync();
        using var response = await GetAsync("/v1/blobs/" + blobId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Blob, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("\"" + blobId + "\"", response.Headers.ETag?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Contains("max-age=86400", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(Size, response.Content.Headers.ContentLength);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reads_with_strict_or_skipped_consistency_checks_give_the_same_bytes()
    {
        var blobId = await StoredAsync();
        foreach (var query in new[] { "?strict_consistency_check=true", "?skip_consistency_check=true" })
        {
            using var response = await GetAsync("/v1/blobs/" + blobId + query + "&x=" + query.Length);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Blob, await response.Content.ReadAsByteArrayAsync());
        }

        using var both = await GetAsync("/v1/blobs/" + blobId + "?strict_consistency_check=true&skip_consistency_check=true");
        await GatewayAssert.ErrorAsync(both, HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
    }

    [Theory]
    [InlineData("bytes=0-0", 0, 1)]
    [InlineData("bytes=10-99", 10, 90)]
    [InlineData("bytes=100000-250000", 100_000, 150_001)]
    [InlineData("bytes=299990-", 299_990, 10)]
    [InlineData("bytes=5-", 5, Size - 5)]
    [InlineData("bytes=-7", Size - 7, 7)]
    [InlineData("bytes=-999999", 0, Size)]
    [InlineData("bytes=299000-999999", 299_000, 1000)]
    public async Task Every_range_form_answers_206_with_the_bytes_and_content_range(string range, int start, int length)
    {
        var blobId = await StoredAsync();
        using var response = await GetAsync("/v1/blobs/" + blobId, r => r.Headers.TryAddWithoutValidation("Range", range));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(Blob.AsSpan(start, length).ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes {start}-{start + length - 1}/{Size}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(length, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("bytes=300000-")]
    [InlineData("bytes=400000-400010")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=9-3")]
    [InlineData("bytes=abc")]
    public async Task Unsatisfiable_ranges_answer_416_with_the_size(string range)
    {
        var blobId = await StoredAsync();
        using var response = await GetAsync("/v1/blobs/" + blobId, r => r.Headers.TryAddWithoutValidation("Range", range));
        Assert.Equal($"bytes */{Size}", response.Content.Headers.ContentRange?.ToString());
        await GatewayAssert.ErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "INVALID_BYTE_RANGE");
    }

    [Fact]
    public async Task Several_ranges_or_other_units_are_ignored_and_the_whole_blob_answered()
    {
        var blobId = await StoredAsync();
        foreach (var range in new[] { "bytes=0-1,5-6", "items=0-1" })
        {
            using var response = await GetAsync("/v1/blobs/" + blobId, r => r.Headers.TryAddWithoutValidation("Range", range));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Size, (await response.Content.ReadAsByteArrayAsync()).Length);
        }
    }

    [Fact]
    public async Task Head_answers_the_headers_without_a_body()
    {
        var blobId = await StoredAsync();
        using var response = await GetAsync("/v1/blobs/" + blobId, null, HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
        Assert.Equal("\"" + blobId + "\"", response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        using var ranged = await GetAsync("/v1/blobs/" + blobId, r => r.Headers.TryAddWithoutValidation("Range", "bytes=-10"), HttpMethod.Head);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(10, ranged.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task If_none_match_with_the_etag_answers_304()
    {
        var blobId = await StoredAsync();
        using var response = await GetAsync("/v1/blobs/" + blobId, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"" + blobId + "\"")));
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("\"" + blobId + "\"", response.Headers.ETag?.ToString());

        using var other = await GetAsync("/v1/blobs/" + blobId, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\"")));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task The_byte_range_endpoint_answers_200_with_the_slice_and_400_outside_the_blob()
    {
        var blobId = await StoredAsync();
        using var response = await GetAsync($"/v1/blobs/{blobId}/byte-range?start=1000&length=5000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Blob.AsSpan(1000, 5000).ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{blobId}-1000-5000\"", response.Headers.ETag?.ToString());

        using var outside = await GetAsync($"/v1/blobs/{blobId}/byte-range?start={Size}&length=1");
        await GatewayAssert.ErrorAsync(outside, HttpStatusCode.BadRequest, "INVALID_BYTE_RANGE");
        using var missing = await GetAsync($"/v1/blobs/{blobId}/byte-range?start=1");
        await GatewayAssert.ErrorAsync(missing, HttpStatusCode.BadRequest, "INVALID_BYTE_RANGE");
    }

    [Fact]
    public async Task An_unknown_blob_id_answers_404_from_the_chain_and_is_not_cached()
    {
        var unknown = new Walrus.Core.Encoding.Rs2Encoder(Walrus.Core.Encoding.EncodingConfig.Create(10)).ComputeBlobId([1, 2, 3, 4, 5]);
        using var response = await GetAsync("/v1/blobs/" + unknown);
        await GatewayAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_NOT_FOUND");
    }

    [Theory]
    [InlineData("/v1/blobs/not-a-blob-id")]
    [InlineData("/v1/blobs/by-object-id/xyz")]
    public async Task Malformed_ids_answer_400(string path)
    {
        using var response = await GetAsync(path);
        await GatewayAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
    }

    [Fact]
    public async Task A_blob_denied_by_nodes_holding_more_than_f_shards_answers_451()
    {
        var stored = await gateway.Client.StoreAsync(GatewayCluster.RandomBlob(202, 1000), new Walrus.Client.StoreOptions { Epochs = 1 });
        foreach (var node in gateway.Cluster.Nodes)
        {
            using var owner = await KeyFile.ReadAsync(NodeConfigFile.Read(node.ConfigFile).OwnerKeyFile);
            await gateway.Cluster.Chain.NodeRegistry.SetBlobDeniedAsync(owner, node.NodeId, stored.BlobId.ToHash256(), true);
        }

        using var response = await GetAsync("/v1/blobs/" + stored.BlobId);
        await GatewayAssert.ErrorAsync(response, HttpStatusCode.UnavailableForLegalReasons, "FORBIDDEN_BLOB");
    }

    [Fact]
    public async Task By_object_id_answers_the_blob_with_its_allowed_attributes_as_headers()
    {
        var blob = GatewayCluster.RandomBlob(203, 2000);
        var stored = await gateway.Client.StoreAsync(blob, new Walrus.Client.StoreOptions { Epochs = 2 });
        var objectId = stored.ObjectId!.Value;
        await gateway.Cluster.Chain.SetBlobAttributeAsync(gateway.Wallet, objectId, "content-type", "text/plain");
        await gateway.Cluster.Chain.SetBlobAttributeAsync(gateway.Wallet, objectId, "content-disposition", "attachment; filename=\"a.txt\"");
        await gateway.Cluster.Chain.SetBlobAttributeAsync(gateway.Wallet, objectId, "x-secret", "no");

        using var response = await GetAsync("/v1/blobs/by-object-id/" + Walrus.Client.NodeClient.ObjectIdHex(objectId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(blob, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=\"a.txt\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.False(response.Headers.Contains("x-secret"));

        using var unknown = await GetAsync("/v1/blobs/by-object-id/0x" + new string('f', 64));
        await GatewayAssert.ErrorAsync(unknown, HttpStatusCode.NotFound, "BLOB_NOT_FOUND");
    }

    [Fact]
    public async Task A_second_read_is_a_cache_hit_in_the_metrics()
    {
        var blob = GatewayCluster.RandomBlob(204, 4000);
        var stored = await gateway.Client.StoreAsync(blob, new Walrus.Client.StoreOptions { Epochs = 1 });
        using (var first = await GetAsync("/v1/blobs/" + stored.BlobId))
        {
            Assert.Equal(blob, await first.Content.ReadAsByteArrayAsync());
        }

        var hitsBefore = await MetricAsync("walrus_gateway_cache_hits");
        using (var second = await GetAsync("/v1/blobs/" + stored.BlobId, r => r.Headers.TryAddWithoutValidation("Range", "bytes=10-19")))
        {
            Assert.Equal(HttpStatusCode.PartialContent, second.StatusCode);
            Assert.Equal(blob.AsSpan(10, 10).ToArray(), await second.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(hitsBefore + 1, await MetricAsync("walrus_gateway_cache_hits"));
        var text = await gateway.Http.GetStringAsync("/metrics");
        Assert.Contains("walrus_gateway_request_duration_seconds_bucket{route=\"/v1/blobs/{blobId}\",le=\"+Inf\"}", text, StringComparison.Ordinal);
        Assert.Contains("walrus_gateway_requests{", text, StringComparison.Ordinal);
        Assert.Contains("walrus_gateway_bytes_served", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_the_openapi_document_describe_the_served_routes()
    {
        using var status = JsonDocument.Parse(await gateway.Http.GetStringAsync("/status"));
        Assert.Equal("ok", status.RootElement.GetProperty("status").GetString());
        Assert.Equal(4, status.RootElement.GetProperty("nodes").GetInt32());
        Assert.Equal(10, status.RootElement.GetProperty("shards").GetInt32());

        using var api = JsonDocument.Parse(await gateway.Http.GetStringAsync("/v1/api"));
        var paths = api.RootElement.GetProperty("paths");
        foreach (var route in new[] { "/v1/blobs", "/v1/blobs/{blobId}", "/v1/blobs/{blobId}/byte-range", "/v1/blobs/by-object-id/{objectId}", "/status" })
        {
            Assert.True(paths.TryGetProperty(route, out _), route);
        }

        Assert.True(paths.GetProperty("/v1/blobs").TryGetProperty("put", out _));
        using var unknown = await GetAsync("/v2/nothing");
        await GatewayAssert.ErrorAsync(unknown, HttpStatusCode.NotFound, "UNKNOWN_ENDPOINT");
    }

    private async Task<double> MetricAsync(string name)
    {
        var text = await gateway.Http.GetStringAsync("/metrics");
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
