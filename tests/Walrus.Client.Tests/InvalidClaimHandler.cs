using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Walrus.Core.NodeApi;

namespace Walrus.Client.Tests;

/// <summary>
/// Makes one storage node claim that every blob is invalid without touching the node: the client's HTTP pipeline answers
/// that node's metadata and sliver GETs with 410 and the node API's BLOB_INVALID error body (a real honest node cannot
/// be made to lie on cue; the other requests go to the real node unchanged).
/// </summary>
internal sealed class InvalidClaimHandler(string liarAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _claims;

    /// <summary>Invalidity claims answered so far.</summary>
    public int Claims => Volatile.Read(ref _claims);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (request.Method != HttpMethod.Get || uri.Authority != liarAddress
            || !(uri.AbsolutePath.Contains("/slivers/", StringComparison.Ordinal) || uri.AbsolutePath.EndsWith("/metadata", StringComparison.Ordinal)))
        {
            return base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _claims);
        var body = ApiErrorBody.Create(NodeErrorReason.BlobInvalid, "the blob is invalid");
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, NodeApiJsonContext.Default.ApiErrorBody));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Gone) { Content = content, RequestMessage = request });
    }
}
