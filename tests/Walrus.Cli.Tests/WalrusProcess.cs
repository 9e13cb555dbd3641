using System.Text.Json;
using Walrus.TestKit.Cluster;

namespace Walrus.Cli.Tests;

/// <summary>Runs the built <c>walrus</c> as a separate process, as a user's shell does: stdout and stderr apart, stdin closed.</summary>
internal static class WalrusProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null) =>
        WalrusCli.RunAsync(arguments, workingDirectory, environment);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) => RunAsync(arguments, null, null);

    /// <summary>Runs a command that must succeed and returns its parsed JSON output.</summary>
    public static async Task<JsonElement> JsonAsync(params string[] arguments)
    {
        var (exit, output, error) = await RunAsync(arguments);
        Assert.True(exit == 0, $"walrus {string.Join(' ', arguments)} exited {exit}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a failure as the CLI promises it: non-zero exit, nothing on stdout, one "error: " line on stderr; returns that line.</summary>
    public static string AssertOneErrorLine((int ExitCode, string Output, string Error) run)
    {
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        return line;
    }
}
