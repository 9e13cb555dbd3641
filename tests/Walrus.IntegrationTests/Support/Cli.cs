using Walrus.TestKit.Cluster;

namespace Walrus.IntegrationTests.Support;

/// <summary>The <c>walrus</c> command as a process (the built walrus.dll), the way a user runs it against a testbed.</summary>
public static class Cli
{
    /// <summary>What a run printed and how it ended.</summary>
    public sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    /// <summary>Runs <c>walrus ARGS</c> to its end (10 minutes at most: a loaded machine stores 20 MiB slowly).</summary>
    public static async Task<Run> RunAsync(params string[] arguments)
    {
        var (exit, stdout, stderr) = await WalrusCli.RunAsync(arguments, timeout: TimeSpan.FromMinutes(10));
        return new Run(exit, stdout, stderr);
    }

    /// <summary>Runs <c>walrus ARGS</c> and throws with its output unless it exits 0.</summary>
    public static async Task<Run> SucceedAsync(params string[] arguments)
    {
        var run = await RunAsync(arguments);
        return run.ExitCode == 0 ? run : throw new InvalidOperationException($"walrus {string.Join(' ', arguments)} failed: {run}");
    }

    /// <summary>A failure a user can read: a non-zero exit, an <c>error:</c> line, and no stack trace.</summary>
    public static void AssertFailsCleanly(Run run, string expectedInMessage)
    {
        ArgumentNullException.ThrowIfNull(run);
        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("error", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expectedInMessage, run.Stderr + run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}
