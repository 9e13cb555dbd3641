using Walrus.Testbed;

namespace Walrus.TestKit;

/// <summary>
/// The tests' forge runs: <c>forge build</c> once per test process and <c>forge script</c> deployments, through the
/// testbed's <see cref="Forge"/> (same pinned binary, same artifacts/forge/{out,cache}, so forge's cache keeps rebuilds fast).
/// </summary>
public static class ContractsBuild
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _built;

    /// <summary>Where the tests' forge writes the ABI JSON the bindings are generated from.</summary>
    public static string OutDirectory => Forge.OutDirectory(RepositoryPaths.Root);

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

    /// <summary>Runs forge in contracts/ with extra environment variables; throws with its output when it fails or hangs.</summary>
    public static Task<string> RunForgeAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        Forge.RunAsync(RepositoryPaths.Root, arguments, environment, cancellationToken);
}
