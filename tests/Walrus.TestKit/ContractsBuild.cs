using System.Diagnostics;

namespace Walrus.TestKit;

/// <summary>
/// Runs the pinned forge: <c>forge build</c> once per test process and <c>forge script</c> deployments. Tests
/// build into their own artifacts/forge/{out,cache} so that a contracts engineer's concurrent or partial
/// builds (say <c>--skip script</c>) of contracts/out cannot break them; forge's cache keeps rebuilds fast.
/// </summary>
public static class ContractsBuild
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _built;

    /// <summary>Where the tests' forge writes the ABI JSON the bindings are generated from.</summary>
    public static string OutDirectory => Path.Combine(RepositoryPaths.Root, "artifacts", "forge", "out");

    /// <summary>The tests' forge cache.</summary>
    public static string CacheDirectory => Path.Combine(RepositoryPaths.Root, "artifacts", "forge", "cache");

    /// <summary>Builds the contracts unless this process already did.</summary>
    public static async Task EnsureBuiltAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_built)
            {
                return;
            }

            await RunForgeAsync(["build"], new Dictionary<string, string>(), cancellationToken);
            _built = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>How long one forge run may take; a cold compile of the contracts with solc-js takes about 90 s.</summary>
    public static TimeSpan ForgeTimeout { get; } = TimeSpan.FromMinutes(6);

    /// <summary>Runs forge in contracts/ with extra environment variables; throws with its output when it fails or hangs.</summary>
    public static async Task<string> RunForgeAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryPaths.FoundryBin, "forge"))
        {
            WorkingDirectory = RepositoryPaths.Contracts,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--out");
        start.ArgumentList.Add(OutDirectory);
        start.ArgumentList.Add("--cache-path");
        start.ArgumentList.Add(CacheDirectory);

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start forge.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        // A hung forge must fail the test, not stall the whole suite.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ForgeTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"forge {string.Join(' ', arguments)} did not finish within {ForgeTimeout}:\n{await stdout + await stderr}");
        }

        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"forge {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}");
        }

        return output;
    }
}
