namespace Walrus.Testbed;

public sealed partial class LocalNetwork
{
    /// <summary>
    /// Stops the testbed in <paramref name="directory"/> from another process: SIGTERM to the <c>testbed up</c> process (it
    /// stops its nodes and anvil), then SIGTERM and, after a grace period, SIGKILL to any node or anvil pid of testbed.json
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
        var pids = new[] { state.Pid }.Concat(state.Nodes.Select(n => n.Pid)).Append(state.AnvilPid)
            .OfType<int>().Where(p => p != Environment.ProcessId && ProcessSignals.IsAlive(p)).ToList();
        if (state.Pid is { } up && pids.Contains(up))
        {
            await ProcessSignals.StopAsync(up, TimeSpan.FromSeconds(60), cancellationToken);
        }

        await Task.WhenAll(pids.Select(p => ProcessSignals.StopAsync(p, TimeSpan.FromSeconds(20), cancellationToken)));
        return pids;
    }
}
