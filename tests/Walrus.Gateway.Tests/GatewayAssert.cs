using System.Net;
using System.Text.Json;

namespace Walrus.Gateway.Tests;

/// <summary>Checks shared by the gateway tests.</summary>
internal static class GatewayAssert
{
    /// <summary>The response is an AIP-193 error with this status and reason, in the daemon's domain, with a request id, never cached.</summary>
    public static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal((int)status, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("status").GetString()));
        var detail = error.GetProperty("details")[0];
        Assert.Equal("ErrorInfo", detail.GetProperty("@type").GetString());
        Assert.Equal(reason, detail.GetProperty("reason").GetString());
        Assert.Equal("daemon.walrus.space", detail.GetProperty("domain").GetString());
        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Equal(requestId, detail.GetProperty("metadata").GetProperty("requestId").GetString());
        Assert.Contains(requestId, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }
}
