using System.CommandLine;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Client;
using Walrus.Testbed;

namespace Walrus.Load;

/// <summary>
/// <c>walrus-load store|read</c>: N concurrent clients storing (or reading) blobs of size S for a duration or a count, on a
/// running testbed (<c>--config DIR/client.json</c>) or on a testbed it brings up for the run (<c>--nodes 7</c>); prints
/// throughput and latency percentiles, or JSON.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("End-to-end load on a Walrus.NET network: concurrent stores or reads, throughput and latency percentiles.");
        root.Subcommands.Add(Create(LoadMode.Store, "Store new blobs (every store registers, uploads and certifies: two chain transactions)."));
        root.Subcommands.Add(Create(LoadMode.Read, "Read blobs (stored first, untimed) in turn."));
        return root.Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
    }

    private static Command Create(LoadMode mode, string description)
    {
        var config = new Option<FileInfo?>("--config") { Description = "client.json of a running network (walrus testbed up writes DIR/client.json)." };
        var nodes = new Option<int?>("--nodes") { Description = "Bring up a temporary testbed with this many nodes instead of --config (stopped and deleted afterwards)." };
        var shards = new Option<int>("--shards") { Description = "Shards of the temporary testbed.", DefaultValueFactory = _ => 100 };
        var clients = new Option<int>("--clients", "-c") { Description = "Concurrent clients.", DefaultValueFactory = _ => 1 };
        var size = new Option<string>("--size", "-s") { Description = "Blob size: 1KiB, 1MiB, 20MiB, or bytes.", DefaultValueFactory = _ => "1MiB" };
        var duration = new Option<string>("--duration", "-t") { Description = "How long: 30s, 5m (ignored with --count).", DefaultValueFactory = _ => "30s" };
        var count = new Option<int?>("--count", "-n") { Description = "Run this many operations instead of a duration." };
        var blobs = new Option<int>("--blobs") { Description = "Read mode: distinct blobs to store first and read in turn.", DefaultValueFactory = _ => 4 };
        var epochs = new Option<uint>("--epochs") { Description = "Epochs each stored blob is paid for.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command(mode.ToString().ToLowerInvariant(), description) { config, nodes, shards, clients, size, duration, count, blobs, epochs, json };
        command.SetAction(async (result, token) =>
        {
            if (!SizeText.TryParse(result.GetValue(size), out var bytes))
            {
                return Fail($"--size {result.GetValue(size)}: expected bytes or a number with KiB, MiB or GiB");
            }

            if (!DurationText.TryParse(result.GetValue(duration), out var time))
            {
                return Fail($"--duration {result.GetValue(duration)}: expected a positive number with s, m or h");
            }

            if (result.GetValue(clients) < 1 || result.GetValue(count) is < 1 || result.GetValue(blobs) < 1)
            {
                return Fail("--clients, --count and --blobs must be at least 1");
            }

            if ((result.GetValue(config) is null) == (result.GetValue(nodes) is null))
            {
                return Fail("give either --config DIR/client.json (a running network) or --nodes N (a temporary testbed)");
            }

            var options = new LoadOptions
            {
                Mode = mode,
                Clients = result.GetValue(clients),
                Size = bytes,
                Duration = time,
                Count = result.GetValue(count),
                Blobs = result.GetValue(blobs),
                Epochs = result.GetValue(epochs),
            };
            try
            {
                var report = result.GetValue(nodes) is { } n
                    ? await RunOnTemporaryTestbedAsync(n, result.GetValue(shards), options, token)
                    : await RunAsync(ClientConfig.Read(result.GetValue(config)!.FullName), options, token);
                await Console.Out.WriteLineAsync(result.GetValue(json) ? report.ToJson() : report.ToText());
                return report.Operations > 0 ? 0 : 1;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or ArgumentException or TimeoutException
                or System.Text.Json.JsonException or HttpRequestException or WalrusClientException)
            {
                return Fail(e.Message);
            }
        });
        return command;
    }

    private static async Task<LoadReport> RunAsync(ClientConfig config, LoadOptions options, CancellationToken cancellationToken)
    {
        var deployment = await WalrusDeployment.LoadAsync(config.DeploymentFile, cancellationToken);
        using var wallet = await KeyFile.ReadAsync(config.WalletFile, cancellationToken);
        using var client = WalrusClient.Create(config.RpcUrl, deployment, wallet);
        await Console.Error.WriteLineAsync($"{options.Mode.ToString().ToLowerInvariant()}: {options.Clients} client(s), {SizeText.Format(options.Size)} blobs, " +
            (options.Count is { } c ? $"{c} operations" : $"{options.Duration.TotalSeconds:F0} s") + $" on {config.RpcUrl}...");
        return await LoadRunner.RunAsync(client, options, Console.Error, cancellationToken);
    }

    private static async Task<LoadReport> RunOnTemporaryTestbedAsync(int nodes, int shards, LoadOptions options, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("walrus-load-").FullName;
        try
        {
            await Console.Error.WriteLineAsync($"bringing up a testbed of {nodes} nodes and {shards} shards in {directory}...");
            await using var network = await LocalNetwork.StartAsync(new LocalNetworkOptions
            {
                Directory = directory,
                Nodes = nodes,
                Shards = shards,
                EpochDuration = TimeSpan.FromHours(1),
                CliDll = FindCliDll(),
                NodeLogLevel = "Warning",
            }, cancellationToken);
            return await RunAsync(ClientConfig.Read(network.ClientConfigPath), options, cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A node may still hold a file for a moment.
            }
        }
    }

    /// <summary>The built walrus.dll of the same configuration as this tool (the nodes run as <c>dotnet walrus.dll node run</c>).</summary>
    private static string FindCliDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "Walrus.Cli", "bin", configuration, "net10.0", "walrus.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("walrus.dll not found: build src/Walrus.Cli first (dotnet build src/Walrus.Cli -c Release).");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
