using System.Diagnostics;
using System.Text;

namespace Walrus.TestKit.Cluster;

/// <summary>A storage node as a real OS process: <c>dotnet walrus.dll node run --config F</c>.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public NodeProcess(string configFile, uint nodeId, string address)
    {
        ConfigFile = configFile;
        NodeId = nodeId;
        Http = new HttpClient { BaseAddress = new Uri("http://" + address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string ConfigFile { get; }

    public uint NodeId { get; }

    public HttpClient Http { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The built CLI (walrus.dll) next to this test's configuration.</summary>
    public static string CliDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
            return Path.Combine(Walrus.TestKit.RepositoryPaths.Root, "src", "Walrus.Cli", "bin", configuration, "net10.0", "walrus.dll");
        }
    }

    /// <summary>Runs the CLI to completion; throws with its output when it fails.</summary>
    public static async Task<string> RunCliAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"walrus {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}");
        }

        return output;
    }

    /// <summary>Starts the process and waits until its API answers health.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { CliDll, "node", "run", "--config", ConfigFile, "--log-level", "Information" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"node {NodeId} exited ({process.ExitCode}):\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(Walrus.Core.NodeApi.NodeApiRoutes.Health);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(180), () => $"node {NodeId} did not answer:\n{Output}");
    }

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
            _process = null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 256 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    public void Dispose()
    {
        Kill();
        Http.Dispose();
    }
}
