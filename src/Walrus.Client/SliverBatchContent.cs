using System.Net;
using System.Net.Http.Headers;
using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>
/// The body of a PUT of many slivers (<see cref="SliverBatchWire"/> records), written straight from the callers' buffers:
/// each record's header, then its sliver, with no copy into one big array. Its length is known, so it is sent with a
/// Content-Length, and it can be sent again (retries).
/// </summary>
internal sealed class SliverBatchContent : HttpContent
{
    private readonly IReadOnlyList<SliverUpload> _slivers;

    public SliverBatchContent(IReadOnlyList<SliverUpload> slivers)
    {
        _slivers = slivers;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var header = new byte[SliverBatchWire.HeaderLength];
        foreach (var sliver in _slivers)
        {
            SliverBatchWire.WriteHeader(header, sliver.Pair, sliver.Type, sliver.Bcs.Length);
            await stream.WriteAsync(header, cancellationToken);
            await stream.WriteAsync(sliver.Bcs, cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        foreach (var sliver in _slivers)
        {
            length += SliverBatchWire.HeaderLength + sliver.Bcs.Length;
        }

        return true;
    }
}
