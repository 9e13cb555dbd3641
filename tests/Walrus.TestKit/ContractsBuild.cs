using System.Diagnostics;

namespace Walrus.TestKit;

/// <summary>
/// Runs the pinned forge: <c>forge build</c> once per test process (writes contracts/out, fast when the
/// cache is current) and <c>forge script</c> deployments.
/// </summary>
public static class ContractsBuild
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _built;

    /// <summary>contracts/out, where forge writes the ABI JSON the bindings are generated from.</summary>
    public static string OutDirectory => Path.Combine(RepositoryPaths.Contracts, "out");

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
