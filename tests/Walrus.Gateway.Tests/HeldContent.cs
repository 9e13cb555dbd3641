using System.Net;

namespace Walrus.Gateway.Tests;

/// <summary>
/// A body that sends its first bytes, then trickles a few bytes at a time until <paramref name="release"/>, then the rest.
/// The trickle stays above Kestrel's minimum body data rate (240 B/s), so the server keeps the request (and its slot).
/// </summary>
internal sealed class HeldContent(byte[] bytes, TaskCompletionSource started, Task release) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        const int Step = 256;
        var sent = 0;
        await stream.WriteAsync(bytes.AsMemory(0, Step));
        await stream.FlushAsync();
        sent += Step;
        started.TrySetResult();
        while (!release.IsCompleted && sent + Step < bytes.Length)
        {
            await Task.WhenAny(release, Task.Delay(250));
            await stream.WriteAsync(bytes.AsMemory(sent, Step));
            await stream.FlushAsync();
            sent += Step;
        }

        await release;
        await stream.WriteAsync(bytes.AsMemory(sent));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
