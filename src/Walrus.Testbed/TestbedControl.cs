using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Walrus.Testbed;

/// <summary>
/// The client side of a running testbed's control channel: a Unix socket that the <c>testbed up</c> process serves and
/// names in testbed.json. The up process owns the network (the deployer's nonces, the node processes, testbed.json), so
/// membership changes from another shell are requests to it rather than edits of its files. One JSON line goes in;
/// JSON lines come back: progress, then one done or error.
/// </summary>
public static class TestbedControl
{
    internal const string Progress = "progress";
    internal const string Done = "done";
    internal const string Error = "error";

    /// <summary>
    /// Sends <paramref name="request"/> to the testbed running in <paramref name="directory"/>, hands each progress line to
    /// <paramref name="progress"/>, and returns the final line. Checks first, with a clear message, that the folder holds a
    /// testbed, that a node the request names is one of it, and that the testbed runs.
    /// </summary>
    /// <exception cref="TestbedControlException">No testbed, unknown node, not running, or the testbed reported an error.</exception>
    public static async Task<string> SendAsync(string directory, TestbedRequest request, Func<string, Task> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var full = Path.GetFullPath(directory);
        var file = Path.Combine(full, TestbedFiles.TestbedFile);
        if (!File.Exists(file))
        {
            throw new TestbedControlException($"no testbed in {full} ({TestbedFiles.TestbedFile} is missing); start one with `walrus testbed up --dir {full}`.");
        }

        TestbedFiles.State state;
        try
        {
            state = TestbedFiles.ParseState(await File.ReadAllTextAsync(file, cancellationToken));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new TestbedControlException($"{file} is not a testbed file: {e.Message}", e);
        }

        if (request.Node is { } name && !state.Nodes.Any(n => string.Equals(n.Name, name, StringComparison.Ordinal)))
        {
            throw new TestbedControlException($"unknown node '{name}'; the testbed in {full} has: {string.Join(", ", state.Nodes.Select(n => n.Name))}.");
        }

        var notRunning = $"the testbed in {full} is not running; start it with `walrus testbed up --dir {full}` (in another shell) and try again.";
        if (state.Pid is not { } pid || !ProcessSignals.IsAlive(pid) || state.Control is not { } path || !File.Exists(path))
        {
            throw new TestbedControlException(notRunning);
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        }
        catch (SocketException e)
        {
            throw new TestbedControlException(notRunning + $" ({path}: {e.Message})", e);
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        await writer.WriteLineAsync(request.ToJsonLine().AsMemory(), cancellationToken);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var (kind, text) = ParseReply(line);
            switch (kind)
            {
                case Progress:
                    await progress(text);
                    break;
                case Done:
                    return text;
                default:
                    throw new TestbedControlException(text);
            }
        }

        throw new TestbedControlException($"the testbed in {full} closed the control channel without an answer (did it stop?).");
    }

    /// <summary>Where the up process of <paramref name="directory"/> listens: DIR/control.sock, or a file in the temp folder when that path is too long for a Unix socket.</summary>
    internal static string SocketPath(string directory)
    {
        var inFolder = Path.Combine(directory, "control.sock");
        if (Encoding.UTF8.GetByteCount(inFolder) <= 100)
        {
            return inFolder;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directory)))[..16];
        return Path.Combine(Path.GetTempPath(), "walrus-testbed-" + hash + ".sock");
    }

    internal static string FormatReply(string kind, string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", kind);
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static (string Kind, string Text) ParseReply(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return (document.RootElement.GetProperty("kind").GetString() ?? Error, document.RootElement.GetProperty("text").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (Error, "unreadable answer from the testbed: " + line);
        }
    }
}
