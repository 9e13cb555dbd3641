using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.Testbed;

namespace Walrus.StoreBench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Walrus.StoreBench -- [--nodes 4] [--shards 100] [--mib 20] [--runs 3]</c>
/// (build src/Walrus.Cli in Release first: the nodes run its walrus.dll): brings a local testbed up in a temp folder
/// (its own anvil, the contracts, node processes), stores a fresh random blob of the given size per run through
/// <see cref="WalrusClient"/> and prints MB/s with the time each store stage started, then stops the testbed.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var nodes = Arg(args, "--nodes", 4);
        var shards = Arg(args, "--shards", 100);
        var sizes = ArgText(args, "--mib", "20").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = Arg(args, "--runs", 3);
        var root = Repository();
        var directory = Path.Combine(Path.GetTempPath(), "walrus-store-bench-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"testbed: {nodes} nodes, {shards} shards, {Environment.ProcessorCount} cores, in {directory}");
        await using var network = await LocalNetwork.StartAsync(new LocalNetworkOptions
        {
            Directory = directory,
            Nodes = nodes,
            Shards = shards,
            EpochDuration = TimeSpan.FromHours(1),
            DriveEpochs = false,
            CliDll = Path.Combine(root, "src", "Walrus.Cli", "bin", "Release", "net10.0", "walrus.dll"),
            RepositoryRoot = root,
            NodeLogLevel = "Warning",
        });
        try
        {
            using var wallet = await KeyFile.ReadAsync(network.WalletPath);
            using var client = new WalrusClient(network.Chain, wallet);
            await client.GetCommitteeAsync();
            var random = new Random(7);
            var file = Path.Combine(directory, "blob.bin");
            foreach (var mib in sizes)
            {
                for (var run = 0; run < runs; run++)
                {
                    var blob = new byte[mib << 20];
                    random.NextBytes(blob);
                    await File.WriteAllBytesAsync(file, blob);
                    var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var nodesCpu = NodesCpuSeconds(directory);
                    var clock = Stopwatch.StartNew();
                    var stages = new Stages(clock);
                    var stored = await client.StoreAsync(file, new StoreOptions(), stages);
                    var elapsed = clock.Elapsed;
                    await stored.RemainingUploads;
                    clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
                    nodesCpu = NodesCpuSeconds(directory) - nodesCpu;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{mib} MiB run {run + 1}: {mib * 1.048576 / elapsed.TotalSeconds:F1} MB/s ({elapsed.TotalMilliseconds:F0} ms, {stored.NodeRequests} node requests; CPU client {clientCpu.TotalSeconds:F2} s, nodes {nodesCpu:F2} s); {stages}"));
                }
            }
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

    /// <summary>CPU seconds (user + system) used so far by the node processes of the testbed in <paramref name="directory"/> (Linux; 0 elsewhere).</summary>
    private static double NodesCpuSeconds(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        double ticks = 0;
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(proc), out _) || !File.ReadAllText(Path.Combine(proc, "cmdline")).Contains(directory, StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after the command name (which is in parentheses): utime and stime are the 12th and 13th.
                var stat = File.ReadAllText(Path.Combine(proc, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return ticks / 100.0; // USER_HZ is 100 on Linux.
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

    private static int Arg(string[] args, string name, int fallback) => int.Parse(ArgText(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string ArgText(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>When each stage first and last reported, in milliseconds from the start.</summary>
    private sealed class Stages(Stopwatch clock) : IProgress<StoreProgress>
    {
        private readonly ConcurrentDictionary<string, (double First, double Last)> _times = new(StringComparer.Ordinal);

        public void Report(StoreProgress value)
        {
            var now = clock.Elapsed.TotalMilliseconds;
            _times.AddOrUpdate(value.Stage, (now, now), (_, t) => (t.First, now));
        }

        public override string ToString() => string.Join(", ", _times.OrderBy(p => p.Value.First)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.First:F0}-{p.Value.Last:F0}")));
    }
}
