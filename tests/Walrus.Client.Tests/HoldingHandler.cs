namespace Walrus.Client.Tests;

/// <summary>
/// Makes one storage node slow on cue without touching the node: the client's HTTP pipeline holds that node's sliver
/// uploads until <see cref="Release"/> (a real node cannot be made slow at an exact moment; the requests themselves go to
/// the real node unchanged once released).
/// </summary>
internal sealed class HoldingHandler(string slowAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Sliver uploads to the slow node held so far.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Release() => _released.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (request.Method == HttpMethod.Put && uri.Authority == slowAddress && uri.AbsolutePath.Contains("/slivers", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _held);
            await _released.Task.WaitAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
