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

    /// <summary>Runs forge in contracts/ with extra environment variables; throws with its output when it fails.</summary>
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
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"forge {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}");
        }

        return output;
    }
}
