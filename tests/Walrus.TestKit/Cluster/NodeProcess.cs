using Walrus.Testbed;

namespace Walrus.TestKit.Cluster;

/// <summary>A storage node of a <see cref="TestCluster"/> as a real OS process (<c>dotnet walrus.dll node run --config F</c>): a view of the testbed's node.</summary>
public sealed class NodeProcess : IDisposable
{
    public NodeProcess(TestbedNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
    }

    /// <summary>The testbed's node behind this view.</summary>
    public TestbedNode Node { get; }

    public string ConfigFile => Node.ConfigFile;

    public uint NodeId => Node.NodeId;

    public HttpClient Http => Node.Http;

    public bool IsRunning => Node.IsRunning;

    /// <summary>The end of the node's log file.</summary>
    public string Output => Node.Output;

    /// <summary>The built CLI (walrus.dll) next to this test's configuration.</summary>
    public static string CliDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
            return Path.Combine(Walrus.TestKit.RepositoryPaths.Root, "src", "Walrus.Cli", "bin", configuration, "net10.0", "walrus.dll");
        }
    }

    /// <summary>
    /// Runs the CLI to completion; throws with its output when it fails. The limit is generous: a demo or testbed
    /// run starts anvil and node processes, and a shared CI machine can be slow; a run past it is killed.
    /// </summary>
    public static async Task<string> RunCliAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await WalrusCli.RunAsync(arguments, timeout: TimeSpan.FromMinutes(6));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"walrus {string.Join(' ', arguments)} failed ({exitCode}):\n{output}{error}");
        }

        return output + error;
    }

    /// <summary>Starts the process and waits until its API answers health.</summary>
    public Task StartAsync() => Node.StartAsync();

    /// <summary>kill -9.</summary>
    public void Kill() => Node.Kill();

    /// <summary>kill -9 (the testbed disposes the node itself).</summary>
    public void Dispose() => Node.Kill();
}
