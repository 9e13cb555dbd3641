namespace Walrus.Gateway.Tests;

/// <summary>
/// Makes one storage node lie about its slivers without touching the node: the client's HTTP pipeline flips data bytes in
/// that node's sliver answers (as a proxy in front of the real node would). A real node cannot be made to lie on cue.
/// </summary>
internal sealed class LyingNodeHandler(string liarAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    public int Spoiled { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var uri = request.RequestUri!;
        if (request.Method != HttpMethod.Get || uri.Authority != liarAddress || !uri.AbsolutePath.Contains("/slivers/", StringComparison.Ordinal) || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        // Keep the BCS framing (the length prefix and the trailing fields) so that the body parses; spoil the symbols.
        for (var i = 8; i < bytes.Length - 4; i += 5)
        {
            bytes[i] ^= 0xA5;
        }

        Spoiled++;
        response.Content = new ByteArrayContent(bytes);
        return response;
    }
}
