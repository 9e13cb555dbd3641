namespace Walrus.Client.Tests;

/// <summary>
/// Passes every request to the real nodes, holding each sliver upload (one sliver or a batch) for <paramref name="hold"/> so uploads overlap,
/// and records the most sliver-body bytes that were on their way at one moment and the largest single body.
/// </summary>
internal sealed class InFlightBytesHandler(HttpMessageHandler inner, TimeSpan hold) : DelegatingHandler(inner)
{
    private long _inFlight;
    private long _maxInFlight;
    private long _largestBody;

    public long MaxInFlight => Interlocked.Read(ref _maxInFlight);

    public long LargestBody => Interlocked.Read(ref _largestBody);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sliver = request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.Contains("/slivers", StringComparison.Ordinal);
        var bytes = sliver ? request.Content?.Headers.ContentLength ?? 0 : 0;
        if (!sliver)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var now = Interlocked.Add(ref _inFlight, bytes);
        Max(ref _maxInFlight, now);
        Max(ref _largestBody, bytes);
        try
        {
            await Task.Delay(hold, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _inFlight, -bytes);
        }
    }

    private static void Max(ref long target, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
