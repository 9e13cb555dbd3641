namespace Walrus.Testbed.Tests;

public sealed class ChildProcessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "walrus-child-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Stop_terminates_the_command_once_and_its_output_lands_in_the_log()
    {
        var log = Path.Combine(_directory, "child.log");
        // Counts the SIGTERMs it gets: the watchdog must forward exactly one.
        using var child = ChildProcess.Start("bash", ["-c", "n=0; trap 'n=$((n+1)); echo term $n; exit 0' TERM; echo started; while true; do sleep 0.1; done"], log);
        await TestKit.Cluster.Poll.UntilAsync(() => Task.FromResult(child.ReadLog().Contains("started", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => child.ReadLog());

        await child.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(child.HasExited);
        Assert.Contains("term 1", child.ReadLog(), StringComparison.Ordinal);
        Assert.DoesNotContain("term 2", child.ReadLog(), StringComparison.Ordinal);
        Assert.Empty(TestbedProcess.ProcessesMentioning(log));
    }

    [Fact]
    public async Task Kill_takes_the_command_down_with_its_watchdog()
    {
        var log = Path.Combine(_directory, "sleeper.log");
        using var child = ChildProcess.Start("sleep", ["300"], log);
        var sleeper = 0;
        await TestKit.Cluster.Poll.UntilAsync(() => Task.FromResult((sleeper = ChildOf(child.Id)) != 0), TimeSpan.FromSeconds(10), () => "sleep did not start");

        child.Kill();

        Assert.True(child.HasExited);
        await TestKit.Cluster.Poll.UntilAsync(() => Task.FromResult(!TestbedProcess.IsAlive(sleeper)), TimeSpan.FromSeconds(10), () => $"sleep ({sleeper}) still runs");
    }

    /// <summary>The first process whose parent is <paramref name="parent"/>, or 0.</summary>
    private static int ChildOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == parent.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return int.Parse(Path.GetFileName(directory), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // Gone, or not a process folder.
            }
            catch (UnauthorizedAccessException)
            {
                // Not a process folder (/proc/net).
            }
        }

        return 0;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
