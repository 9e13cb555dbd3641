using System.Diagnostics;
using Walrus.Core.Encoding;
using Walrus.TestKit.Cluster;
using Xunit.Abstractions;

namespace Walrus.Client.Tests;

/// <summary>
/// The scale: 600 files of 10 KiB as one quilt on 1000 shards, read back patch by patch (by id and by identifier)
/// with a node of at most f shards down; prints the cost against 600 separate blobs and the patch read latency.
/// </summary>
[Trait("Category", "Slow")]
public sealed class QuiltScaleTests(ThousandShardCluster thousand, ITestOutputHelper output) : IClassFixture<ThousandShardCluster>
{
    private const int PatchCount = 600;
    private const int PatchSize = 10 * 1024;

    private TestCluster Cluster => thousand.Cluster;

    [Fact]
    public async Task Six_hundred_files_of_10_KiB_store_as_one_quilt_and_every_patch_reads_back_with_f_shards_down()
    {
        using var client = new WalrusClient(Cluster.Chain, TestCluster.User());
        var files = QuiltClientTests.Files(PatchCount, PatchSize, 600);
        var data = files.ToDictionary(f => f.Identifier, f => f.Data.ToArray());

        var (quote, _) = await client.QuoteQuiltAsync(files, 1);
        var single = await Cluster.Chain.QuoteStoreAsync(PatchSize, 1);
        var config = EncodingConfig.Create(Cluster.ShardCount);
        output.WriteLine($"one quilt of {PatchCount} x {PatchSize} B: unencoded {quote.UnencodedSize} B, encoded {quote.EncodedSize} B, cost {quote.Cost.Total} FROST for 1 epoch");
        output.WriteLine($"{PatchCount} blobs of {PatchSize} B: encoded {PatchCount * config.GetEncodedLength(PatchSize)} B, cost {PatchCount * single.Total} FROST for 1 epoch");
        output.WriteLine($"ratio: cost x{(double)(PatchCount * single.Total) / (double)quote.Cost.Total:F1}, encoded size x{(double)(PatchCount * config.GetEncodedLength(PatchSize)) / quote.EncodedSize:F1}");
        Assert.True(quote.Cost.Total * 100 < PatchCount * single.Total, "a quilt of 600 small files costs far less than 600 blobs");

        var watch = Stopwatch.StartNew();
        var stored = await client.StoreQuiltAsync(files, new StoreOptions { Epochs = 1 });
        output.WriteLine($"stored quilt {stored.BlobStoreResult.BlobId} in {watch.Elapsed.TotalSeconds:F1} s, {stored.BlobStoreResult.NodeRequests} node requests, symbol size {stored.SymbolSize}, paid {stored.BlobStoreResult.Cost} FROST");
        Assert.Equal(quote.BlobId, stored.BlobStoreResult.BlobId);
        Assert.Equal(PatchCount, stored.Patches.Count);

        var committee = await client.GetCommitteeAsync();
        var victim = committee.Members.Where(m => m.Weight > 0).OrderBy(m => m.Weight).First();
        Assert.True(3 * victim.Weight <= committee.ShardCount, "the stopped node must hold at most f shards");
        var node = Cluster.Node(victim.NodeId);
        node.Kill();
        var byId = new List<double>();
        var byIdentifier = new List<double>();
        long requests = 0;
        var recovered = 0;
        try
        {
            foreach (var patch in stored.Patches)
            {
                watch.Restart();
                var read = await client.ReadQuiltPatchesAsync([patch.PatchId]);
                byId.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(data[patch.Identifier], Assert.Single(read.Patches).Data);
                Assert.False(read.FullRead);
                requests += read.NodeRequests;
                recovered += read.ColumnsRecovered;

                watch.Restart();
                var named = await client.ReadQuiltPatchAsync(stored.BlobStoreResult.BlobId, patch.Identifier);
                byIdentifier.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(data[patch.Identifier], named.Data);
            }
        }
        finally
        {
            await node.StartAsync();
        }

        output.WriteLine($"with node {victim.NodeId} ({victim.Weight} shards) down: {PatchCount} patch reads by id took {requests} node requests ({recovered} columns rebuilt from recovery symbols)");
        output.WriteLine($"patch read by id: p50 {Percentile(byId, 0.5):F1} ms, p99 {Percentile(byId, 0.99):F1} ms; by identifier: p50 {Percentile(byIdentifier, 0.5):F1} ms, p99 {Percentile(byIdentifier, 0.99):F1} ms");
        Assert.True(recovered > 0, "no column was on the stopped node: nothing was tested");

        using var whole = new MemoryStream();
        var full = await client.ReadAsync(stored.BlobStoreResult.BlobId, whole);
        output.WriteLine($"a full read of the quilt: {full.NodeRequests} node requests");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
