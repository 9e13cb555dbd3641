using System.Diagnostics;
using System.Globalization;

namespace Walrus.Testbed;

/// <summary>Signals to processes by pid (for <c>testbed down</c>, which did not start them).</summary>
internal static class ProcessSignals
{
    /// <summary>Whether a process with this pid exists (and is not a zombie).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            var status = File.Exists($"/proc/{pid}/stat") ? File.ReadAllText($"/proc/{pid}/stat") : "";
            var close = status.LastIndexOf(')');
            return close < 0 || close + 2 >= status.Length || status[close + 2] != 'Z';
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether the command line of <paramref name="pid"/> contains <paramref name="text"/>.</summary>
    public static bool CommandLineContains(int pid, string text)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}/cmdline").Contains(text, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGTERM to <paramref name="pid"/>.</summary>
    public static async Task TerminateAsync(int pid, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-TERM");
        start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start);
        if (process is not null)
        {
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    /// <summary>SIGTERM, then SIGKILL of the process tree if it is still there after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(int pid, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!IsAlive(pid))
        {
            return;
        }

        await TerminateAsync(pid, cancellationToken);
        var clock = Stopwatch.StartNew();
        while (IsAlive(pid) && clock.Elapsed < grace)
        {
            await Task.Delay(100, cancellationToken);
        }

        if (IsAlive(pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // Gone meanwhile.
            }
            catch (InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
    }
}
