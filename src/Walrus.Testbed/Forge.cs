using System.Diagnostics;
using System.Globalization;
using Walrus.Chain.Services;

namespace Walrus.Testbed;

/// <summary>
/// The pinned forge (tools/node_modules/.bin): builds the contracts into artifacts/forge/{out,cache}, so that a contracts
/// engineer's own builds of contracts/out (say with <c>--skip script</c>) cannot break the testbed or the tests, and
/// deploys them with contracts/script/Deploy.s.sol. The test kit runs forge through this class too.
/// </summary>
public static class Forge
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>A cold compile with solc-js takes about 90 s.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(6);

    /// <summary>Where forge writes the contracts' ABI JSON in the repository at <paramref name="repositoryRoot"/>.</summary>
    public static string OutDirectory(string repositoryRoot) => Path.Combine(repositoryRoot, "artifacts", "forge", "out");

    /// <summary>forge's cache in the repository at <paramref name="repositoryRoot"/>.</summary>
    public static string CacheDirectory(string repositoryRoot) => Path.Combine(repositoryRoot, "artifacts", "forge", "cache");

    /// <summary>Deploys into <paramref name="rpcUrl"/> as <paramref name="deployerKey"/> and moves the deployment file to <paramref name="deploymentFile"/>.</summary>
    internal static async Task<WalrusDeployment> DeployAsync(Repository repository, Uri rpcUrl, string deployerKey, int shards, TimeSpan epochDuration, string deploymentFile, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await RunAsync(repository.Root, ["build"], new Dictionary<string, string>(), cancellationToken);
        }
        finally
        {
            Gate.Release();
        }

        var relative = Path.Combine("deployments", "testbed-" + Guid.NewGuid().ToString("N") + ".json");
        await RunAsync(
            repository.Root,
            // --slow: each transaction after the previous one's receipt (a burst once left a nonce gap in anvil's pool).
            ["script", "script/Deploy.s.sol", "--rpc-url", rpcUrl.ToString(), "--broadcast", "--slow", "--private-key", deployerKey],
            new Dictionary<string, string>
            {
                ["WALRUS_SHARDS"] = shards.ToString(CultureInfo.InvariantCulture),
                ["WALRUS_EPOCH_DURATION"] = ((long)epochDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                ["WALRUS_DEPLOYMENT_FILE"] = relative,
            },
            cancellationToken);
        File.Move(Path.Combine(repository.Contracts, relative), deploymentFile, overwrite: true);
        return await WalrusDeployment.LoadAsync(deploymentFile, cancellationToken);
    }

    /// <summary>
    /// Runs forge in contracts/ of the repository at <paramref name="repositoryRoot"/> with extra environment variables and
    /// returns its output; throws with the output when it fails, or kills it and throws when it hangs past <see cref="Timeout"/>.
    /// </summary>
    public static async Task<string> RunAsync(string repositoryRoot, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var repository = new Repository(repositoryRoot);
        var start = new ProcessStartInfo(repository.Forge)
        {
            WorkingDirectory = repository.Contracts,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in (string[])["--out", OutDirectory(repositoryRoot), "--cache-path", CacheDirectory(repositoryRoot)])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start forge at " + repository.Forge);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"forge {Describe(arguments)} did not finish within {Timeout}:\n{await stdout + await stderr}");
        }

        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"forge {Describe(arguments)} failed ({process.ExitCode}):\n{output}");
        }

        return output;
    }

    // The command line for an error message, without the value of --private-key: keys never reach a log.
    private static string Describe(IReadOnlyList<string> arguments) =>
        string.Join(' ', arguments.Select((a, i) => i > 0 && arguments[i - 1] == "--private-key" ? "<key>" : a));
}
