using System.Net;
using System.Net.Http.Headers;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.StorageNode.Chain;

namespace Walrus.StorageNode.Epochs;

/// <summary>The gaining side of <c>POST /v1/migrate/sync_shard</c>: signs a request and reads one page of slivers from the previous owner.</summary>
public sealed class ShardSyncClient(HttpClient http, NodeSigner signer)
{
    /// <summary>
    /// One page of <paramref name="type"/> slivers of <paramref name="shard"/> from <paramref name="peer"/>, from
    /// <paramref name="start"/> on (inclusive), at most <paramref name="count"/>; the slivers are not yet verified.
    /// </summary>
    /// <exception cref="ShardSyncException">The peer refused or answered something that is not a page.</exception>
    public async Task<List<(BlobId BlobId, SliverData Sliver)>> GetPageAsync(
        string peer, uint epoch, ShardIndex shard, SliverType type, BlobId start, int count, long maxPageBytes, EncodingConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (message, signature) = signer.Sign(new SyncShardMessage(epoch, shard, type, start, (ulong)count));
        using var content = new ByteArrayContent(SyncShardWire.EncodeRequest(message, signature));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var uri = new Uri(new Uri(peer.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? peer : "http://" + peer), SyncShardRoutes.SyncShard);
        using var response = await http.PostAsync(uri, content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ShardSyncException($"{(int)response.StatusCode} {(text.Length > 300 ? text[..300] : text)}");
        }

        // The answer holds at most the page's byte budget plus one sliver and the framing.
        var limit = maxPageBytes + config.MaxSliverSize + ((long)count * 64) + 16;
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new ShardSyncException($"the answer has {response.Content.Headers.ContentLength} bytes, more than a page may");
        }

        var body = await ReadLimitedAsync(response, limit, cancellationToken);
        return SyncShardWire.TryDecodeResponse(body, type, count, config.MaxSliverSize, out var entries, out var error)
            ? entries
            : throw new ShardSyncException("the answer is not a sync page: " + error);
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                throw new ShardSyncException("the answer is larger than a page may be");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}
