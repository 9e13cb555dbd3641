using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Walrus.Core.NodeApi;

namespace Walrus.Client.Tests;

/// <summary>
/// Makes every storage node look like one from before the many-slivers route: a PUT to
/// <c>/v1/blobs/{id}/slivers</c> answers 404 <c>UNKNOWN_ENDPOINT</c> (what such a node's fallback answers), everything else
/// goes to the real nodes unchanged. The real nodes all have the route, so an older one has to be played.
/// </summary>
internal sealed class BatchRouteRefusingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _refused;

    /// <summary>Batch requests refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Put || !request.RequestUri!.AbsolutePath.EndsWith("/slivers", StringComparison.Ordinal))
        {
            return base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _refused);
        var body = ApiErrorBody.Create(NodeErrorReason.UnknownEndpoint, "No endpoint PUT " + request.RequestUri.AbsolutePath + ".");
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, NodeApiJsonContext.Default.ApiErrorBody));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = content, RequestMessage = request });
    }
}
