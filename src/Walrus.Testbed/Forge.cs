using System.Diagnostics;
using System.Globalization;
using Walrus.Chain.Services;

namespace Walrus.Testbed;

/// <summary>
/// The pinned forge: builds the contracts into artifacts/forge/{out,cache} (the test kit's folders, so that both share
/// forge's cache) and deploys them with contracts/script/Deploy.s.sol.
/// </summary>
internal static class Forge
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>A cold compile with solc-js takes about 90 s.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(6);

    /// <summary>Deploys into <paramref name="rpcUrl"/> as <paramref name="deployerKey"/> and moves the deployment file to <paramref name="deploymentFile"/>.</summary>
    public static async Task<WalrusDeployment> DeployAsync(Repository repository, Uri rpcUrl, string deployerKey, int shards, TimeSpan epochDuration, string deploymentFile, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await RunAsync(repository, ["build"], new Dictionary<string, string>(), cancellationToken);
        }
        finally
        {
            Gate.Release();
        }

        var relative = Path.Combine("deployments", "testbed-" + Guid.NewGuid().ToString("N") + ".json");
        await RunAsync(
            repository,
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

    private static async Task RunAsync(Repository repository, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
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

        foreach (var argument in (string[])["--out", Path.Combine(repository.Root, "artifacts", "forge", "out"), "--cache-path", Path.Combine(repository.Root, "artifacts", "forge", "cache")])
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

            throw new TimeoutException($"forge {arguments[0]} did not finish within {Timeout}:\n{await stdout + await stderr}");
        }

        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"forge {arguments[0]} failed ({process.ExitCode}):\n{output}");
        }
    }
}
