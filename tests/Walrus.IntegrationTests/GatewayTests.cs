using System.Net;
using System.Text.Json;
using Walrus.IntegrationTests.Support;

namespace Walrus.IntegrationTests;

/// <summary>The testbed's gateway (<c>walrus daemon</c>, paying with the testbed's wallet) over plain HTTP, as curl uses it.</summary>
[Collection(HonestNetwork.Name)]
public sealed class GatewayTests(HonestNetworkFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };

    [Theory]
    [InlineData(1)]
    [InlineData(Blobs.MiB)]
    [InlineData(20 * Blobs.MiB)]
    public async Task A_blob_put_to_the_publisher_reads_back_from_the_aggregator_byte_for_byte(int size)
    {
        var gateway = fixture.Network.GatewayUrl ?? throw new InvalidOperationException("The testbed runs no gateway.");
        var data = Blobs.Random(size, seed: 7_000 + size);

        using var content = new ByteArrayContent(data);
        using var put = await _http.PutAsync(new Uri(gateway, "/v1/blobs?epochs=2"), content);
        var body = await put.Content.ReadAsStringAsync();
        Assert.True(put.StatusCode == HttpStatusCode.OK, $"{(int)put.StatusCode}: {body}");
        using var stored = JsonDocument.Parse(body);
        var blobId = stored.RootElement.GetProperty("newlyCreated").GetProperty("blobObject").GetProperty("blobId").GetString()!;

        using var get = await _http.GetAsync(new Uri(gateway, "/v1/blobs/" + blobId));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(data, await get.Content.ReadAsByteArrayAsync());
    }

    public void Dispose() => _http.Dispose();
}
