using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Walrus.TestKit.Cluster;

namespace Walrus.Testbed.Tests;

/// <summary><c>dotnet walrus.dll testbed up --dir D ...</c> as a real process, as a user starts it from a shell.</summary>
internal sealed class TestbedProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private TestbedProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

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

    public static TestbedProcess Up(string directory, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { NodeProcess.CliDll, "testbed", "up", "--dir", directory }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var testbed = new TestbedProcess(process);
        process.OutputDataReceived += (_, e) => testbed.Append(e.Data);
        process.ErrorDataReceived += (_, e) => testbed.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return testbed;
    }

    /// <summary>Waits for the "testbed: up" line, then reads testbed.json.</summary>
    public async Task<JsonElement> WaitUntilUpAsync(string directory, TimeSpan timeout)
    {
        await Poll.UntilAsync(() =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"testbed up exited ({_process.ExitCode}):\n{Output}");
            }

            return Task.FromResult(Output.Contains("testbed: up", StringComparison.Ordinal));
        }, timeout, () => "testbed up did not come up:\n" + Output);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "testbed.json")));
        return document.RootElement.Clone();
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
    }

    /// <summary>Every pid testbed.json names: the up process, anvil, the nodes.</summary>
    public static IReadOnlyList<int> Pids(JsonElement testbed) =>
        new[] { testbed.GetProperty("pid"), testbed.GetProperty("anvil").GetProperty("pid") }
            .Concat(testbed.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("pid")))
            .Concat(testbed.TryGetProperty("gateway", out var gateway) ? [gateway.GetProperty("pid")] : [])
            .Select(p => p.GetInt32()).ToList();

    public static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat").Split(')')[^1].TrimStart().StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Pids of every process whose command line mentions <paramref name="text"/> (say the testbed's folder).</summary>
    public static IReadOnlyList<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(text, StringComparison.Ordinal) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return found;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>kill -9 of the up process alone (its children are left to their watchdogs).</summary>
    public void KillOnlyThisProcess()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>Safety net for a failed test: kill the whole tree.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Gone.
        }

        _process.Dispose();
    }
}
