using System.Net.Http.Headers;

namespace Walrus.Client.Tests;

/// <summary>
/// Makes one storage node a liar without touching the node: the client's HTTP pipeline flips bytes in the bodies of that
/// node's sliver answers (the same effect as an HTTP proxy on 127.0.0.1 in front of the real node that corrupts what it
/// forwards). By default sliver answers are corrupted; <paramref name="pathPart"/> and <paramref name="corrupt"/> pick
/// other answers (metadata, confirmations) and how to spoil them.
/// </summary>
internal sealed class CorruptingHandler(string liarAddress, string pathPart = "/slivers/", Func<byte[], byte[]>? corrupt = null) : DelegatingHandler(new SocketsHttpHandler())
{
    public int Corrupted { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var uri = request.RequestUri!;
        if (request.Method != HttpMethod.Get || uri.Authority != liarAddress || !uri.AbsolutePath.Contains(pathPart, StringComparison.Ordinal)
            || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (corrupt is not null)
        {
            Corrupted++;
            response.Content = new ByteArrayContent(corrupt(bytes));
            return response;
        }

        // Keep the BCS framing (length prefix and the two trailing u16) so the body parses; flip data bytes.
        for (var i = 8; i < bytes.Length - 4; i += 7)
        {
            bytes[i] ^= 0x5A;
        }

        Corrupted++;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        response.Content = content;
        return response;
    }
}
