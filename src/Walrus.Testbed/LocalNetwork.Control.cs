using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Walrus.Chain.Abi;
using Walrus.Chain.Rpc;

namespace Walrus.Testbed;

public sealed partial class LocalNetwork
{
    private readonly List<Task> _controlRequests = [];
    private Socket? _control;
    private Task? _controlLoop;

    /// <summary>The control socket's path while it is served (testbed.json's <c>control</c>), else null.</summary>
    public string? ControlPath { get; private set; }

    /// <summary>
    /// Serves <see cref="TestbedControl"/> requests on a Unix socket readable by this user only. Each request runs to its
    /// end in this process even when its client goes away (a removal must still stop the node after its hand-over).
    /// </summary>
    private void StartControl()
    {
        var path = TestbedControl.SocketPath(Directory);
        File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            socket.Listen(8);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _control = socket;
        ControlPath = path;
        _controlLoop = Task.Run(() => AcceptControlAsync(socket, _stop.Token), CancellationToken.None);
    }

    private async Task StopControlAsync()
    {
        if (_control is not { } socket)
        {
            return;
        }

        _control = null;
        socket.Dispose();
        Task[] running;
        lock (_controlRequests)
        {
            running = [.. _controlRequests];
        }

        foreach (var task in running.Append(_controlLoop ?? Task.CompletedTask))
        {
            try
            {
                await task;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
            {
                // Stopping.
            }
        }

        if (ControlPath is { } path)
        {
            File.Delete(path);
            ControlPath = null;
        }
    }

    private async Task AcceptControlAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            var task = Task.Run(() => ServeControlAsync(client, cancellationToken), CancellationToken.None);
            lock (_controlRequests)
            {
                _controlRequests.RemoveAll(t => t.IsCompleted);
                _controlRequests.Add(task);
            }
        }
    }

    private async Task ServeControlAsync(Socket client, CancellationToken cancellationToken)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        var gone = false;
        void Say(string kind, string text)
        {
            lock (writer)
            {
                if (gone)
                {
                    return;
                }

                try
                {
                    writer.WriteLine(TestbedControl.FormatReply(kind, text));
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    // The client went away; the request still runs to its end.
                    gone = true;
                }
            }
        }

        try
        {
            var line = await ReadRequestLineAsync(stream, cancellationToken);
            var request = TestbedRequest.Parse(line);
            Say(TestbedControl.Done, await HandleAsync(request, text => Say(TestbedControl.Progress, text), cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Say(TestbedControl.Error, "the testbed is stopping.");
        }
        catch (Exception e) when (e is JsonException or FormatException or TestbedControlException or TimeoutException or InvalidOperationException or ArgumentException
            or IOException or HttpRequestException or ContractRevertException or RpcException or RpcTransportException)
        {
            Say(TestbedControl.Error, e.Message);
        }

        lock (writer)
        {
            gone = true;
        }

        await writer.DisposeAsync();
    }

    /// <summary>One line of at most <see cref="TestbedRequest.MaxLineLength"/> bytes (a request is small; a client may not hold memory here).</summary>
    private static async Task<string> ReadRequestLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[TestbedRequest.MaxLineLength];
        var length = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token);
            if (read == 0)
            {
                break;
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (newline >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, newline);
            }
        }

        throw new FormatException($"a request is one JSON line of at most {TestbedRequest.MaxLineLength} bytes");
    }

    private async Task<string> HandleAsync(TestbedRequest request, Action<string> progress, CancellationToken cancellationToken)
    {
        var waitTimeout = await WaitTimeoutAsync(cancellationToken);
        switch (request.Command)
        {
            case TestbedRequest.AddNode:
            {
                var stake = request.StakeWal > 0 ? request.StakeWal : _options.StakePerNode;
                var added = await JoinAsync(stake, cancellationToken: cancellationToken);
                var node = added.Node;
                progress($"{node.Name} registered (node id {node.NodeId}, {stake} WAL staked), running at {node.PublicUrl.ToString().TrimEnd('/')} (pid {node.Pid}, log {node.LogFile}).");
                if (!request.Wait)
                {
                    return $"{node.Name} added; it joins the committee (and receives shards) at epoch {added.ActivationEpoch}'s epoch change.";
                }

                progress($"waiting for epoch {added.ActivationEpoch}'s epoch change...");
                await WaitForEpochChangeDoneAsync(added.ActivationEpoch, waitTimeout, cancellationToken);
                return node.Shards.Count > 0
                    ? $"{node.Name} holds {node.Shards.Count} shards from epoch {added.ActivationEpoch}."
                    : throw new TestbedControlException($"epoch {added.ActivationEpoch} began without {node.Name} in its committee (too little stake?); it runs, and a later committee may pick it.");
            }

            case TestbedRequest.RemoveNode:
            {
                var node = NodeNamed(request.Node);
                await RemoveNodeAsync(node, waitTimeout, progress, cancellationToken);
                return $"{node.Name} removed: its shards were handed over and its process stopped; its stakers can withdraw now.";
            }

            case TestbedRequest.Stake:
            {
                var node = NodeNamed(request.Node);
                if (request.StakeWal < 1)
                {
                    throw new TestbedControlException("stake: --wal must be at least 1.");
                }

                var before = node.Shards.Count;
                var (tokenId, activation) = await StakeAsync(node, request.StakeWal, cancellationToken);
                progress($"{request.StakeWal} WAL staked with {node.Name} (position {tokenId}); it counts from epoch {activation}.");
                if (!request.Wait)
                {
                    return $"staked; shards move at epoch {activation}'s epoch change.";
                }

                progress($"waiting for epoch {activation}'s epoch change...");
                await WaitForEpochChangeDoneAsync(activation, waitTimeout, cancellationToken);
                return $"{node.Name} holds {node.Shards.Count} shards from epoch {activation} (had {before}).";
            }

            default:
                throw new TestbedControlException($"unknown command '{request.Command}' (add-node, remove-node, stake).");
        }
    }

    private TestbedNode NodeNamed(string? name) =>
        (name is null ? null : FindNode(name))
        ?? throw new TestbedControlException($"unknown node '{name}'; the testbed has: {string.Join(", ", Nodes.Select(n => n.Name))}.");

    /// <summary>Three epochs and five minutes: an epoch change that has not happened by then will not happen on its own.</summary>
    private async Task<TimeSpan> WaitTimeoutAsync(CancellationToken cancellationToken)
    {
        var state = await Chain.GetSystemStateAsync(cancellationToken);
        return TimeSpan.FromSeconds(3 * (double)state.EpochDuration) + TimeSpan.FromMinutes(5);
    }
}
