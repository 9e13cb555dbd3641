using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Walrus.Core.NodeApi;

namespace Walrus.Client.Tests;

/// <summary>
/// Makes every storage node refuse what a quilt patch read asks for (secondary slivers and recovery symbols) with the
/// node API's 503 body, while metadata and primary slivers go to the real nodes unchanged: the state where a patch's
/// columns cannot be had but the blob can be read whole. Real nodes cannot be made to refuse only these on cue.
/// </summary>
internal sealed class ColumnRefusingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _refused;

    /// <summary>Requests refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method != HttpMethod.Get
            || !(path.EndsWith("/secondary", StringComparison.Ordinal) || path.EndsWith("/recoverySymbols", StringComparison.Ordinal)))
        {
            return base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _refused);
        var body = ApiErrorBody.Create(NodeErrorReason.NodeNotReady, "refused on cue");
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, NodeApiJsonContext.Default.ApiErrorBody));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = content, RequestMessage = request });
    }
}
