namespace Walrus.Testbed;

public sealed partial class LocalNetwork
{
    /// <summary>
    /// Stops the testbed in <paramref name="directory"/> from another process: SIGTERM to the <c>testbed up</c> process (it
    /// stops its nodes, gateway and anvil), then SIGTERM and, after a grace period, SIGKILL to any node, gateway or anvil pid of testbed.json
    /// still alive. Returns the pids it found running.
    /// </summary>
    public static async Task<IReadOnlyList<int>> DownAsync(string directory, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(Path.GetFullPath(directory), TestbedFiles.TestbedFile);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"No testbed in {directory} ({TestbedFiles.TestbedFile} is missing).", file);
        }

        var state = TestbedFiles.ParseState(await File.ReadAllTextAsync(file, cancellationToken));
        var full = Path.GetFullPath(directory);
        // A pid from a testbed that died uncleanly may belong to someone else by now: only signal processes whose command
        // line is ours (the up command, or a watchdog whose log file is in the folder).
        var pids = new[] { state.Pid }.Where(p => p is { } pid && ProcessSignals.CommandLineContains(pid, "testbed"))
            .Concat(state.Nodes.Select(n => n.Pid).Append(state.AnvilPid).Append(state.GatewayPid).Where(p => p is { } pid && ProcessSignals.CommandLineContains(pid, full)))
            .OfType<int>().Where(p => p != Environment.ProcessId && ProcessSignals.IsAlive(p)).ToList();
        if (state.Pid is { } up && pids.Contains(up))
        {
            await ProcessSignals.StopAsync(up, TimeSpan.FromSeconds(60), cancellationToken);
        }

        await Task.WhenAll(pids.Select(p => ProcessSignals.StopAsync(p, TimeSpan.FromSeconds(20), cancellationToken)));
        return pids;
    }
}
