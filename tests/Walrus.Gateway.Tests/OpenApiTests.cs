using System.Text.Json;

namespace Walrus.Gateway.Tests;

/// <summary>The OpenAPI document at /v1/api describes every route the daemon serves.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class OpenApiTests(GatewayCluster gateway)
{
    [Fact]
    public async Task The_daemon_document_lists_the_quilt_routes()
    {
        using var api = JsonDocument.Parse(await gateway.Http.GetStringAsync("/v1/api"));
        var paths = api.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/v1/quilts").TryGetProperty("put", out var put));
        Assert.True(put.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        foreach (var route in new[] { "/v1/blobs/by-quilt-patch-id/{patchId}", "/v1/blobs/by-quilt-id/{quiltId}/{identifier}", "/v1/quilts/{quiltId}/patches", "/v1/quilts/{quiltId}/patches-content" })
        {
            Assert.True(paths.GetProperty(route).TryGetProperty("get", out _), route);
        }

        Assert.False(paths.TryGetProperty("/v1/blob-upload-relay", out _));
    }
}
