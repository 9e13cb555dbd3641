using Walrus.Client;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.Gateway.Tests;

/// <summary>The aggregator streams: the first rows of a blob reach the reader while a later sliver is still outstanding.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class StreamingTests(GatewayCluster gateway)
{
    [Fact]
    public async Task The_first_bytes_leave_before_the_last_sliver_has_arrived()
    {
        var blob = GatewayCluster.RandomBlob(601, 300_000);
        var blobId = (await gateway.Client.StoreAsync(blob, new StoreOptions { Epochs = 1 })).BlobId;
        var config = EncodingConfig.Create(10);
        var rowBytes = config.SecondarySourceSymbols * config.GetSymbolSize(blob.Length);
        var lastRow = new SliverPairIndex((ushort)(config.PrimarySourceSymbols - 1));
        Assert.True(lastRow.Value * rowBytes < blob.Length);
        using var handler = new HoldingSliverHandler(NodeApiRoutes.SliverPath(blobId, lastRow, SliverType.Primary));
        using var nodeHttp = new HttpClient(handler);
        using var client = new WalrusClient(gateway.Cluster.Chain, null, nodeHttp);
        await using var server = await GatewayServer.StartAsync(client, null, new GatewayOptions { BindAddress = "127.0.0.1:0", CacheBytes = 0 },
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        using var response = await http.GetAsync("/v1/blobs/" + blobId, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(blob.Length, response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new byte[blob.Length];
        await body.ReadExactlyAsync(received.AsMemory(0, rowBytes));
        await handler.Held;

        // A whole row arrived while the last row's sliver is still held back.
        Assert.False(handler.Released);
        Assert.Equal(blob.AsSpan(0, rowBytes).ToArray(), received.AsSpan(0, rowBytes).ToArray());

        handler.Release();
        await body.ReadExactlyAsync(received.AsMemory(rowBytes));
        Assert.Equal(blob, received);
        Assert.Equal(0, await body.ReadAsync(new byte[1]));
    }
}
