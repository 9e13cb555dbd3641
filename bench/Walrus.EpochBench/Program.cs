using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Chain.Services;
using Walrus.Client;
using Walrus.Core.NodeApi;
using Walrus.Testbed;

namespace Walrus.EpochBench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Walrus.EpochBench -- [--nodes 7] [--shards 100] [--blobs 16] [--mib 64]</c>
/// (build src/Walrus.Cli in Release first: the nodes run its walrus.dll): brings a testbed up with hour-long epochs,
/// stores the blobs, adds a node with the same stake as the others, then moves the chain's clock on (anvil) and calls
/// votingEnd and initiateEpochChange itself, so the change starts at a known time. Prints the time from EpochChangeStart to
/// EpochChangeDone on chain, and the shard transfer rate from the nodes' health (sliver bytes received from previous owners
/// over the time from the first node's start to the last node's completion).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var nodes = Arg(args, "--nodes", 7);
        var shards = Arg(args, "--shards", 100);
        var blobs = Arg(args, "--blobs", 16);
        var mib = Arg(args, "--mib", 64);
        var root = Repository();
        var directory = Path.Combine(Path.GetTempPath(), "walrus-epoch-bench-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"testbed: {nodes} nodes, {shards} shards, {blobs} x {mib} MiB, {Environment.ProcessorCount} cores, in {directory}");
        var total = Stopwatch.StartNew();
        await using var network = await LocalNetwork.StartAsync(new LocalNetworkOptions
        {
            Directory = directory,
            Nodes = nodes,
            Shards = shards,
            EpochDuration = TimeSpan.FromHours(1),
            DriveEpochs = false,
            Control = false,
            CliDll = Path.Combine(root, "src", "Walrus.Cli", "bin", "Release", "net10.0", "walrus.dll"),
            RepositoryRoot = root,
            NodeLogLevel = "Warning",
        });
        using var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = network.RpcUrl });
        try
        {
            Console.WriteLine($"up in {total.Elapsed.TotalSeconds:F0} s");
            using var wallet = await KeyFile.ReadAsync(network.WalletPath);
            using var client = new WalrusClient(network.Chain, wallet);
            var random = new Random(7);
            var file = Path.Combine(directory, "blob.bin");
            var blob = new byte[mib << 20];
            var storeClock = Stopwatch.StartNew();
            for (var i = 0; i < blobs; i++)
            {
                random.NextBytes(blob);
                await File.WriteAllBytesAsync(file, blob);
                await client.StoreAsync(file, new StoreOptions { Epochs = 5 });
            }

            File.Delete(file);
            var stored = (long)blobs * mib << 20;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stored {blobs} x {mib} MiB in {storeClock.Elapsed.TotalSeconds:F0} s ({stored / 1e6 / storeClock.Elapsed.TotalSeconds:F1} MB/s)"));

            var joined = await network.AddNodeAsync(1_000_000);
            Console.WriteLine($"{joined.Name} registered and running");
            using var deployer = PrivateKey.FromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
            await PassAsync(network, rpc, s => s.VotingEndAt);
            await CrankAsync(() => network.Chain.VotingEndAsync(deployer));
            await PassAsync(network, rpc, s => s.EpochChangeAt);
            var changeClock = Stopwatch.StartNew();
            await CrankAsync(() => network.Chain.InitiateEpochChangeAsync(deployer));
            var (epoch, _) = await network.Chain.GetEpochAsync();
            Console.WriteLine($"EpochChangeStart of epoch {epoch.Value}");
            while ((await network.Chain.GetEpochAsync()).State == EpochState.EpochChangeSync)
            {
                await Task.Delay(200);
            }

            var change = changeClock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EpochChangeDone on chain after {change.TotalSeconds:F1} s (a quorum of shards attested)"));
            await network.RefreshShardsAsync();

            // EpochChangeDone needs only a quorum of shards: the nodes that gained shards may still be pulling them.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var reports = new Dictionary<string, EpochChangeProgress>(StringComparer.Ordinal);
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(30))
            {
                reports.Clear();
                foreach (var node in network.Nodes)
                {
                    var health = (await http.GetFromJsonAsync(new Uri(node.Url, NodeApiRoutes.Health), NodeApiJsonContext.Default.ApiSuccessBodyNodeHealth))!.Success.Data;
                    if (health.EpochChange is { } progress && progress.Epoch == epoch.Value)
                    {
                        reports[node.Name] = progress;
                    }
                }

                if (reports.Count == network.Nodes.Count && reports.Values.All(r => r.CompletedAtMs is not null))
                {
                    break;
                }

                await Task.Delay(1000);
            }

            var all = changeClock.Elapsed;
            long bytes = 0, first = long.MaxValue, last = 0;
            foreach (var (name, progress) in reports.Where(r => r.Value.BytesReceived > 0))
            {
                bytes += progress.BytesReceived;
                first = Math.Min(first, progress.StartedAtMs);
                last = Math.Max(last, progress.CompletedAtMs ?? 0);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: received {progress.BytesReceived / 1e6:F1} MB of {progress.BytesTotal / 1e6:F1} MB in {((progress.CompletedAtMs ?? 0) - progress.StartedAtMs) / 1000.0:F1} s"));
            }

            var seconds = Math.Max(1, last - first) / 1000.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch.Value}: {joined.Shards.Count} shards moved to {joined.Name}; {bytes / 1e6:F1} MB transferred in {seconds:F1} s = {bytes / 1e6 / seconds:F1} MB/s; " +
                $"EpochChangeStart to EpochChangeDone {change.TotalSeconds:F1} s; to every node complete {all.TotalSeconds:F1} s"));
            Console.WriteLine("load: " + File.ReadAllText("/proc/loadavg").Trim());
        }
        finally
        {
            await network.StopAsync();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A node may still hold a file for a moment.
            }
        }

        return 0;
    }

    /// <summary>The nodes run the same cranks once the clock moved: whoever calls first wins, the other call reverts.</summary>
    private static async Task CrankAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Walrus.Chain.Abi.ContractRevertException e)
        {
            Console.WriteLine("(a node was first: " + e.Message + ")");
        }
    }

    /// <summary>Moves anvil's clock past the given time of the system state and mines a block there.</summary>
    private static async Task PassAsync(LocalNetwork network, JsonRpcClient rpc, Func<SystemState, System.Numerics.BigInteger> when)
    {
        var state = await network.Chain.GetSystemStateAsync();
        var block = await network.Chain.Client.Eth.GetBlockHeaderAsync(BlockParameter.Latest, CancellationToken.None);
        var ahead = (long)(when(state) - block!.Timestamp) + 1;
        if (ahead > 0)
        {
            await rpc.CallAsync("evm_increaseTime", w => w.WriteNumberValue(ahead), CancellationToken.None);
        }

        await rpc.CallAsync("evm_mine", null, CancellationToken.None);
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Walrus.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from a clone of the repository.");
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
