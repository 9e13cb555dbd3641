using System.Diagnostics;
using System.Globalization;

namespace Walrus.Testbed;

/// <summary>
/// A process the testbed started, behind a small bash watchdog: the watchdog runs the command in the background with its
/// output appended to a log file, forwards SIGTERM/SIGINT to it, and stops it when the testbed's process (the parent pid
/// it was given) is gone, so that no node or anvil outlives a testbed that was killed. The recorded pid is the watchdog's.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    // $1: parent pid, $2: log file, the rest: the command. `sleep & wait` keeps the traps responsive. The command gets one
    // SIGTERM only: from the trap, or when the loop sees the parent gone.
    private const string Watchdog =
        "parent=$1; log=$2; shift 2; \"$@\" >>\"$log\" 2>&1 & child=$!; stopping=0; " +
        "trap 'if [ $stopping = 0 ]; then stopping=1; kill -TERM $child 2>/dev/null; fi' TERM INT; " +
        "while [ $stopping = 0 ] && kill -0 \"$parent\" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1 & wait $!; done; " +
        "if [ $stopping = 0 ]; then stopping=1; kill -TERM $child 2>/dev/null; fi; wait $child";

    private readonly Process _process;

    private ChildProcess(Process process, string logFile)
    {
        _process = process;
        LogFile = logFile;
    }

    /// <summary>The watchdog's pid (signals sent to it reach the command).</summary>
    public int Id => _process.Id;

    /// <summary>Where the command's stdout and stderr go.</summary>
    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> under a watchdog bound to this process.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string logFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardInput = false };
        foreach (var argument in (string[])["-c", Watchdog, "walrus-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), logFile, fileName])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        return new ChildProcess(process, logFile);
    }

    /// <summary>The last <paramref name="maxChars"/> characters of the log.</summary>
    public string ReadLog(int maxChars = 256 * 1024) => ReadLogFile(LogFile, maxChars);

    internal static string ReadLogFile(string path, int maxChars)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > maxChars)
            {
                stream.Seek(-maxChars, SeekOrigin.End);
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
        catch (DirectoryNotFoundException)
        {
            return "";
        }
    }

    /// <summary>SIGTERM (the command shuts down cleanly: anvil dumps its state), then SIGKILL of the tree after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return;
        }

        await ProcessSignals.TerminateAsync(_process.Id, cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(grace);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>SIGKILL of the watchdog and the command.</summary>
    public void Kill()
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
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
