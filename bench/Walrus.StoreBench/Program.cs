using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.Testbed;

namespace Walrus.StoreBench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Walrus.StoreBench -- [--nodes 4] [--shards 100] [--mib 20] [--runs 3] [--read]</c>
/// (build src/Walrus.Cli in Release first: the nodes run its walrus.dll): brings a local testbed up in a temp folder
/// (its own anvil, the contracts, node processes), stores a fresh random blob of the given size per run through
/// <see cref="WalrusClient"/> and prints MB/s with the time each store stage started and the CPU the client and the
/// nodes used; with <c>--read</c> it then reads each blob back to a file (checking the bytes) and prints the read's MB/s and
/// node requests. It stops the testbed at the end.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var nodes = Arg(args, "--nodes", 4);
        var shards = Arg(args, "--shards", 100);
        var sizes = ArgText(args, "--mib", "20").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = Arg(args, "--runs", 3);
        var read = args.Contains("--read");
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
                    await WriteRandomFileAsync(file, (long)mib << 20, random);
                    var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var nodesCpu = NodesCpuSeconds(directory);
                    var nodesFaults = NodesStat(directory, 7);
                    var clock = Stopwatch.StartNew();
                    var stages = new Stages(clock);
                    var stored = await client.StoreAsync(file, new StoreOptions(), stages);
                    var elapsed = clock.Elapsed;
                    await stored.RemainingUploads;
                    clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
                    nodesCpu = NodesCpuSeconds(directory) - nodesCpu;
                    nodesFaults = NodesStat(directory, 7) - nodesFaults;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{mib} MiB run {run + 1}: {mib * 1.048576 / elapsed.TotalSeconds:F1} MB/s ({elapsed.TotalMilliseconds:F0} ms, {stored.NodeRequests} node requests; CPU client {clientCpu.TotalSeconds:F2} s, nodes {nodesCpu:F2} s; node page faults {nodesFaults:F0}); {stages}"));
                    if (read)
                    {
                        // Cold for the client (no cache in the SDK): metadata, then the systematic slivers from the nodes.
                        var copy = Path.Combine(directory, "read.bin");
                        clock.Restart();
                        var result = await client.ReadAsync(stored.BlobId, copy);
                        var readTime = clock.Elapsed;
                        var same = await SameBytesAsync(file, copy);
                        File.Delete(copy);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{mib} MiB run {run + 1} read: {mib * 1.048576 / readTime.TotalSeconds:F1} MB/s ({readTime.TotalMilliseconds:F0} ms, {result.NodeRequests} node requests, {(same ? "bytes match" : "BYTES DIFFER")})"));
                        if (!same)
                        {
                            return 1;
                        }
                    }
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

    private static async Task WriteRandomFileAsync(string path, long length, Random random)
    {
        var chunk = new byte[1 << 20];
        await using var output = File.Create(path);
        for (long written = 0; written < length; written += chunk.Length)
        {
            random.NextBytes(chunk);
            await output.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - written)));
        }
    }

    private static async Task<bool> SameBytesAsync(string a, string b)
    {
        await using var first = File.OpenRead(a);
        await using var second = File.OpenRead(b);
        if (first.Length != second.Length)
        {
            return false;
        }

        var hashA = await System.Security.Cryptography.SHA256.HashDataAsync(first);
        var hashB = await System.Security.Cryptography.SHA256.HashDataAsync(second);
        return hashA.SequenceEqual(hashB);
    }

    /// <summary>CPU seconds (user + system) used so far by the node processes of the testbed in <paramref name="directory"/>.</summary>
    private static double NodesCpuSeconds(string directory) => (NodesStat(directory, 11) + NodesStat(directory, 12)) / 100.0; // USER_HZ is 100 on Linux.

    /// <summary>The sum of one /proc/PID/stat field (counted after the command name) over the testbed's node processes (Linux; 0 elsewhere).</summary>
    private static double NodesStat(string directory, int field)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        double sum = 0;
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(proc), out _) || !File.ReadAllText(Path.Combine(proc, "cmdline")).Contains(directory, StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after the command name (which is in parentheses): minflt is [7], utime [11], stime [12].
                var stat = File.ReadAllText(Path.Combine(proc, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                sum += double.Parse(fields[field], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return sum;
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
