namespace Walrus.Client.Tests;

/// <summary>
/// Holds the confirmation requests to every node but <paramref name="firstAddress"/> until that node's confirmation has
/// been answered (or <paramref name="limit"/> passed): a store certifies at the quorum and stops asking the others, so a
/// test about one node's confirmation makes sure that node is asked. The requests go to the real nodes unchanged.
/// </summary>
internal sealed class ConfirmationOrderHandler(string firstAddress, HttpMessageHandler inner, TimeSpan limit) : DelegatingHandler(inner)
{
    private readonly TaskCompletionSource _firstAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var confirmation = request.Method == HttpMethod.Get && uri.AbsolutePath.Contains("/confirmation/", StringComparison.Ordinal);
        if (confirmation && uri.Authority != firstAddress)
        {
            await Task.WhenAny(_firstAnswered.Task, Task.Delay(limit, cancellationToken));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (confirmation && uri.Authority == firstAddress)
        {
            _firstAnswered.TrySetResult();
        }

        return response;
    }
}
