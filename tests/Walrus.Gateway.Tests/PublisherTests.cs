using System.Net;
using System.Numerics;
using System.Text.Json;
using Walrus.Core.Encoding;

namespace Walrus.Gateway.Tests;

/// <summary>PUT /v1/blobs over real HTTP against a real network: every field of Walrus's JSON by name, refusals, limits.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class PublisherTests(GatewayCluster gateway)
{
    private static ByteArrayContent Body(byte[] bytes) => new(bytes);

    [Fact]
    public async Task A_put_answers_newly_created_with_every_field_and_a_second_put_answers_already_certified_without_paying()
    {
        var blob = GatewayCluster.RandomBlob(101, 20_000);
        var before = await gateway.BalanceAsync();

        using var first = await gateway.Http.PutAsync("/v1/blobs?epochs=2", Body(blob));
        var text = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        var created = json.RootElement.GetProperty("newlyCreated");
        var blobObject = created.GetProperty("blobObject");
        var objectIdText = blobObject.GetProperty("id").GetString()!;
        Assert.Matches("^0x[0-9a-f]{64}$", objectIdText);
        var objectId = BigInteger.Parse("0" + objectIdText[2..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        var record = await gateway.Cluster.Chain.GetBlobAsync(objectId);
        var expectedBlobId = new Rs2Encoder(EncodingConfig.Create(10)).ComputeBlobId(blob);
        Assert.Equal(expectedBlobId.ToString(), blobObject.GetProperty("blobId").GetString());
        Assert.Equal(record.BlobId, expectedBlobId);
        Assert.Equal(record.RegisteredEpoch.Value, blobObject.GetProperty("registeredEpoch").GetUInt32());
        Assert.Equal((ulong)blob.Length, blobObject.GetProperty("size").GetUInt64());
        Assert.Equal("RS2", blobObject.GetProperty("encodingType").GetString());
        Assert.Equal(record.CertifiedEpoch!.Value.Value, blobObject.GetProperty("certifiedEpoch").GetUInt32());
        Assert.True(blobObject.GetProperty("deletable").GetBoolean());
        var storage = blobObject.GetProperty("storage");
        Assert.Equal(objectIdText, storage.GetProperty("id").GetString());
        Assert.Equal(record.StartEpoch.Value, storage.GetProperty("startEpoch").GetUInt32());
        Assert.Equal(record.EndEpoch.Value, storage.GetProperty("endEpoch").GetUInt32());
        Assert.Equal(record.StartEpoch.Value + 2, record.EndEpoch.Value);
        Assert.Equal(record.StorageSize, storage.GetProperty("storageSize").GetUInt64());
        var fromScratch = created.GetProperty("resourceOperation").GetProperty("registerFromScratch");
        Assert.Equal(record.StorageSize, fromScratch.GetProperty("encodedLength").GetUInt64());
        Assert.Equal(2u, fromScratch.GetProperty("epochsAhead").GetUInt32());
        var cost = created.GetProperty("cost").GetUInt64();
        Assert.True(cost > 0);
        Assert.Equal(before - cost, await gateway.BalanceAsync());
        Assert.Equal(JsonValueKind.Undefined, created.TryGetProperty("sharedBlobObject", out var shared) ? shared.ValueKind : JsonValueKind.Undefined);

        var balance = await gateway.BalanceAsync();
        using var second = await gateway.Http.PutAsync("/v1/blobs?epochs=2", Body(blob));
        var secondText = await second.Content.ReadAsStringAsync();
        Assert.True(second.StatusCode == HttpStatusCode.OK, secondText);
        using var secondJson = JsonDocument.Parse(secondText);
        var certified = secondJson.RootElement.GetProperty("alreadyCertified");
        Assert.Equal(expectedBlobId.ToString(), certified.GetProperty("blobId").GetString());
        Assert.Equal(objectIdText, certified.GetProperty("object").GetString());
        Assert.Equal(record.EndEpoch.Value, certified.GetProperty("endEpoch").GetUInt32());
        Assert.Equal(balance, await gateway.BalanceAsync());
    }

    [Fact]
    public async Task A_permanent_put_answers_a_blob_object_that_is_not_deletable()
    {
        using var response = await gateway.Http.PutAsync("/v1/blobs?permanent=true&epochs=1", Body(GatewayCluster.RandomBlob(102, 3000)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        Assert.False(json.RootElement.GetProperty("newlyCreated").GetProperty("blobObject").GetProperty("deletable").GetBoolean());
    }

    [Fact]
    public async Task Send_object_to_hands_the_new_blob_object_to_that_address()
    {
        using var recipient = Walrus.Chain.Crypto.PrivateKey.Generate();
        using var response = await gateway.Http.PutAsync($"/v1/blobs?send_object_to={recipient.Address}", Body(GatewayCluster.RandomBlob(103, 5000)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        var id = json.RootElement.GetProperty("newlyCreated").GetProperty("blobObject").GetProperty("id").GetString()!;
        var objectId = BigInteger.Parse("0" + id[2..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(recipient.Address, await gateway.Cluster.Chain.BlobRegistry.OwnerOfAsync(objectId));
    }

    [Theory]
    [InlineData("/v1/blobs?epochs=1&colour=blue", "MALFORMED_REQUEST")]
    [InlineData("/v1/blobs?epochs=0", "MALFORMED_REQUEST")]
    [InlineData("/v1/blobs?epochs=many", "MALFORMED_REQUEST")]
    [InlineData("/v1/blobs?epochs=54", "MALFORMED_REQUEST")]
    [InlineData("/v1/blobs?permanent=true&deletable=true", "INVALID_BLOB_PERSISTENCE")]
    [InlineData("/v1/blobs?encoding_type=RedStuffRaptorQ", "MALFORMED_REQUEST")]
    [InlineData("/v1/blobs?share=true", "MALFORMED_REQUEST")]
    [InlineData("/v1/blobs?send_object_to=0x12", "MALFORMED_REQUEST")]
    [InlineData("/v1/blobs?force=maybe", "MALFORMED_REQUEST")]
    public async Task Bad_queries_are_refused_with_400_before_paying(string path, string reason)
    {
        var balance = await gateway.BalanceAsync();
        using var response = await gateway.Http.PutAsync(path, Body([1, 2, 3]));
        await GatewayAssert.ErrorAsync(response, HttpStatusCode.BadRequest, reason);
        Assert.Equal(balance, await gateway.BalanceAsync());
    }

    [Fact]
    public async Task Accepted_query_fields_of_walrus_are_taken()
    {
        using var response = await gateway.Http.PutAsync("/v1/blobs?epochs=1&deletable=true&force=false&reuse_resources=true&encoding_type=RS2", Body(GatewayCluster.RandomBlob(104, 700)));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_declared_or_streamed()
    {
        await using var small = await gateway.StartAsync(new GatewayOptions { Publisher = true, Aggregator = false, MaxBodyBytes = 1000 });
        using var http = new HttpClient { BaseAddress = small.BaseAddress };
        var balance = await gateway.BalanceAsync();

        using var declared = await http.PutAsync("/v1/blobs", Body(new byte[1001]));
        await GatewayAssert.ErrorAsync(declared, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");

        // Chunked: no Content-Length, so the limit is found while streaming to the temporary file.
        using var chunked = new StreamContent(new MemoryStream(new byte[5000]));
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/blobs") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var streamed = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal(balance, await gateway.BalanceAsync());
    }

    [Fact]
    public async Task Stores_beyond_the_concurrency_and_queue_limits_answer_429()
    {
        await using var narrow = await gateway.StartAsync(new GatewayOptions { Publisher = true, Aggregator = false, PublisherMaxConcurrent = 1, PublisherMaxQueued = 0 });
        using var http = new HttpClient { BaseAddress = narrow.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slowBody = new HeldContent(GatewayCluster.RandomBlob(105, 1024 * 1024), started, release.Task);
        var first = http.PutAsync("/v1/blobs", slowBody);
        await started.Task;
        // The first store holds the only slot while its body is still arriving.
        await Walrus.TestKit.Cluster.Poll.UntilAsync(async () =>
        {
            using var second = await http.PutAsync("/v1/blobs", new ByteArrayContent([9]));
            if (second.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("text/plain", second.Content.Headers.ContentType?.MediaType);
                return true;
            }

            return false;
        }, TimeSpan.FromSeconds(20), () => "a second store answered 429");
        release.SetResult();
        using var done = await first;
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task The_publisher_answers_cors_preflights()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/blobs");
        request.Headers.Add("Origin", "https://app.example");
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        using var response = await gateway.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    /// <summary>
    /// A body that sends its first bytes, then trickles a few bytes at a time until <paramref name="release"/>, then the rest.
    /// The trickle (about 10 KB/s) stays far above Kestrel's minimum body data rate (240 B/s) even when a loaded machine
    /// stretches the pauses, so the server keeps the request (and its slot).
    /// </summary>
    private sealed class HeldContent(byte[] bytes, TaskCompletionSource started, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            const int Step = 1024;
            var sent = 0;
            await stream.WriteAsync(bytes.AsMemory(0, Step));
            await stream.FlushAsync();
            sent += Step;
            started.TrySetResult();
            while (!release.IsCompleted && sent + Step < bytes.Length)
            {
                await Task.WhenAny(release, Task.Delay(100));
                await stream.WriteAsync(bytes.AsMemory(sent, Step));
                await stream.FlushAsync();
                sent += Step;
            }

            await release;
            await stream.WriteAsync(bytes.AsMemory(sent));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
