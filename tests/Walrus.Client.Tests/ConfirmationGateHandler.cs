namespace Walrus.Client.Tests;

/// <summary>
/// Holds every confirmation request until <see cref="Release"/>, so a test can move the epoch while a store sits
/// between its uploads and its certificate (a real network cannot be paused at that exact moment; the requests go to
/// the real nodes unchanged once released, and later ones pass straight through).
/// </summary>
internal sealed class ConfirmationGateHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Confirmation requests held so far.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Release() => _released.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/confirmation/", StringComparison.Ordinal) && !_released.Task.IsCompleted)
        {
            Interlocked.Increment(ref _held);
            await _released.Task.WaitAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
