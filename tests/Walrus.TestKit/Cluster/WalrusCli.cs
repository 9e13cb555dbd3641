using System.Diagnostics;

namespace Walrus.TestKit.Cluster;

/// <summary>
/// Runs the built <c>walrus</c> (<see cref="NodeProcess.CliDll"/>) as a separate process, as a user's shell does: stdout and
/// stderr apart, stdin closed. A run past its time limit is killed and reported with what it printed.
/// </summary>
public static class WalrusCli
{
    /// <summary>Runs <c>walrus ARGS</c> to its end (default limit: 3 minutes).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyList<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(NodeProcess.CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet " + NodeProcess.CliDll);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(3);
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"walrus {string.Join(' ', arguments)} did not end within {limit}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
