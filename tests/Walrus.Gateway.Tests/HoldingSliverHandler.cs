namespace Walrus.Gateway.Tests;

/// <summary>
/// Holds the client's requests for one sliver path until released, to show what a reader gets while a sliver is still on
/// its way (a slow node cannot be made slow on cue).
/// </summary>
internal sealed class HoldingSliverHandler(string heldPath) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a request for the held path arrived.</summary>
    public Task Held => _held.Task;

    public bool Released => _release.Task.IsCompleted;

    public void Release() => _release.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath == heldPath)
        {
            _held.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
