using System.Diagnostics;
using System.Globalization;
using Walrus.TestKit.Cluster;
using Xunit.Abstractions;

namespace Walrus.Client.Tests;

/// <summary>
/// Store and read throughput and HTTP requests on the 4-node process cluster (100 shards), printed to the test output:
/// <c>dotnet test tests/Walrus.Client.Tests -c Release --filter "FullyQualifiedName~ThroughputTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ThroughputTests(LargeCluster large, ITestOutputHelper output) : IClassFixture<LargeCluster>
{
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public async Task Store_and_read_a_blob_of_MiB(int mebibytes)
    {
        var cluster = large.Cluster;
        var blob = new byte[mebibytes << 20];
        new Random(mebibytes).NextBytes(blob);
        var file = Path.GetTempFileName();
        var copy = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, blob);
            using var client = new WalrusClient(cluster.Chain, TestCluster.User());
            await client.GetCommitteeAsync(); // Warm the committee cache and the JIT outside the timing.

            var clock = Stopwatch.StartNew();
            var stages = new StageClock(clock);
            var stored = await client.StoreAsync(file, new StoreOptions { Epochs = 1 }, stages);
            var storeTime = clock.Elapsed;
            Assert.True(stored.NewlyCreated);

            clock.Restart();
            var read = await client.ReadAsync(stored.BlobId, copy);
            var readTime = clock.Elapsed;
            Assert.Equal(blob, await File.ReadAllBytesAsync(copy));

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mebibytes} MiB, {cluster.ShardCount} shards, {cluster.Nodes.Count} nodes: store {mebibytes / storeTime.TotalSeconds:F1} MiB/s ({storeTime.TotalMilliseconds:F0} ms, {stored.NodeRequests} node requests), " +
                $"read {mebibytes / readTime.TotalSeconds:F1} MiB/s ({readTime.TotalMilliseconds:F0} ms, {read.NodeRequests} node requests); store stages started at {stages}"));
        }
        finally
        {
            File.Delete(file);
            File.Delete(copy);
        }
    }
}

/// <summary>When each store stage first reported, in milliseconds from the start.</summary>
internal sealed class StageClock(Stopwatch clock) : IProgress<StoreProgress>
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> _first = new(StringComparer.Ordinal);

    public void Report(StoreProgress value) => _first.TryAdd(value.Stage, clock.Elapsed.TotalMilliseconds);

    public override string ToString() =>
        string.Join(", ", _first.OrderBy(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F0} ms")));
}
