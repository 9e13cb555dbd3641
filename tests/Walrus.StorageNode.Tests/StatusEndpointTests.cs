using System.Text.Json;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Tests;

public sealed class StatusEndpointTests : NodeApiTestBase
{
    [Fact]
    public async Task Blob_status_follows_registration_and_certification_in_Walrus_json_shape()
    {
        using var blob = new TestBlob(41);
        using (var none = await Node.Http.GetAsync(NodeApiRoutes.BlobStatusPath(blob.BlobId)))
        {
            Assert.Equal("{\"success\":{\"code\":200,\"data\":\"nonexistent\"}}", await none.Content.ReadAsStringAsync());
        }

        Node.Register(blob, 41, endEpoch: 9);
        Node.Service.ApplyCertified(blob.BlobId, 41, TestNode.Epoch, 9, false, false, Node.NextEvent());
        using var response = await Node.Http.GetAsync(NodeApiRoutes.BlobStatusPath(blob.BlobId));
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var permanent = document.RootElement.GetProperty("success").GetProperty("data").GetProperty("permanent");
        Assert.Equal(9u, permanent.GetProperty("endEpoch").GetUInt32());
        Assert.True(permanent.GetProperty("isCertified").GetBoolean());
        Assert.Equal(TestNode.Epoch, permanent.GetProperty("initialCertifiedEpoch").GetUInt32());
        Assert.Equal(0u, permanent.GetProperty("deletableCounts").GetProperty("countDeletableTotal").GetUInt32());
        Assert.StartsWith("0x", permanent.GetProperty("statusEvent").GetProperty("txDigest").GetString(), StringComparison.Ordinal);
        var parsed = JsonSerializer.Deserialize(text, NodeApiJsonContext.Default.ApiSuccessBodyBlobStatus)!.Success.Data;
        Assert.Equal(BlobStatusKind.Permanent, parsed.Kind);
        Assert.True(parsed.IsCertified);
    }

    [Fact]
    public async Task Health_reports_epoch_key_shards_and_detail_on_request()
    {
        using var blob = new TestBlob(42);
        Node.Register(blob, 42);
        await Node.StoreAllAsync(blob);
        using var plain = await Node.Http.GetAsync(NodeApiRoutes.Health);
        var health = await Node.SuccessDataAsync(plain, 200, NodeApiJsonContext.Default.ApiSuccessBodyNodeHealth);
        Assert.Equal(TestNode.Epoch, health.Epoch);
        Assert.Equal(Node.Service.Signer.Address, health.PublicKey);
        Assert.Equal("Active", health.NodeStatus);
        Assert.Equal(5, health.ShardSummary.Owned);
        Assert.Null(health.ShardDetail);
        Assert.True(health.EventProgress.Persisted >= 1);

        using var detailed = await Node.Http.GetAsync(NodeApiRoutes.Health + "?detailed=true");
        var detail = (await Node.SuccessDataAsync(detailed, 200, NodeApiJsonContext.Default.ApiSuccessBodyNodeHealth)).ShardDetail!;
        Assert.Equal(Node.OwnedShards.Select(s => s.Value), detail.Select(d => d.Shard));
        Assert.All(detail, d => Assert.Equal(2, d.Slivers));

        using var badFlag = await Node.Http.GetAsync(NodeApiRoutes.Health + "?detailed=maybe");
        await TestNode.AssertErrorAsync(badFlag, 400, NodeErrorReason.MalformedRequest);
    }

    [Fact]
    public async Task Metrics_are_Prometheus_text_with_the_node_counters()
    {
        using var blob = new TestBlob(43);
        Node.Register(blob, 43);
        await Node.StoreAllAsync(blob);
        using var response = await Node.Http.GetAsync(NodeApiRoutes.Metrics);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE walrus_node_slivers_stored counter", text, StringComparison.Ordinal);
        Assert.Contains("\nwalrus_node_slivers_stored 10\n", text, StringComparison.Ordinal);
        Assert.Contains("\nwalrus_node_metadata_stored 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE walrus_node_recovery_backlog gauge", text, StringComparison.Ordinal);
        Assert.Contains("\nwalrus_node_owned_shards 5\n", text, StringComparison.Ordinal);
        Assert.Contains("\nwalrus_node_epoch 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_route()
    {
        using var document = JsonDocument.Parse(await Node.Http.GetStringAsync(NodeApiRoutes.Api));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var route in new[] { NodeApiRoutes.Metadata, NodeApiRoutes.Sliver, NodeApiRoutes.PermanentConfirmation, NodeApiRoutes.DeletableConfirmation, NodeApiRoutes.RecoverySymbols, NodeApiRoutes.DecodingSymbols, NodeApiRoutes.InconsistencyProof, NodeApiRoutes.BlobStatus, NodeApiRoutes.Health })
        {
            Assert.True(paths.TryGetProperty(route, out _), route);
        }

        Assert.True(paths.GetProperty(NodeApiRoutes.Sliver).TryGetProperty("put", out _));
    }
}
