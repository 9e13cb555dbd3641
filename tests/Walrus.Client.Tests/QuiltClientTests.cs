using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.Quilts;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>
/// Quilts through the SDK against the real 4-node process cluster with 100 shards (f = 33 shards, n_p = 34 rows,
/// n_s = 67 columns, so a quilt holds up to 66 patches): 20 files of 10 KiB with tags, read back patch by patch with
/// every node up, with a node of at most f shards down, and with a node that lies.
/// </summary>
public sealed class QuiltClientTests(LargeCluster large) : IClassFixture<LargeCluster>
{
    private const int PatchCount = 20;
    private const int PatchSize = 10 * 1024;

    private TestCluster Cluster => large.Cluster;

    private WalrusClient NewClient(HttpClient? http = null) => new(Cluster.Chain, TestCluster.User(), http);

    internal static List<QuiltPatchInput> Files(int count, int size, int seed)
    {
        var random = new Random(seed);
        var patches = new List<QuiltPatchInput>(count);
        for (var i = 0; i < count; i++)
        {
            var data = new byte[size];
            random.NextBytes(data);
            var tags = new Dictionary<string, string> { ["parity"] = i % 2 == 0 ? "even" : "odd", ["content-type"] = "application/octet-stream" };
            patches.Add(QuiltPatchInput.FromBytes($"file-{i:D3}.bin", data, tags));
        }

        return patches;
    }

    private static async Task<(QuiltStoreResult Stored, Dictionary<string, byte[]> Data)> StoreAsync(WalrusClient client, int seed)
    {
        var files = Files(PatchCount, PatchSize, seed);
        var stored = await client.StoreQuiltAsync(files, new StoreOptions { Epochs = 2 });
        // The store returns at a quorum; the tests count requests to nodes that hold their slivers, so let every node have them.
        await stored.BlobStoreResult.RemainingUploads;
        return (stored, files.ToDictionary(f => f.Identifier, f => f.Data.ToArray()));
    }

    [Fact]
    public async Task Every_patch_reads_back_by_patch_id_and_by_identifier_at_a_fraction_of_a_full_reads_requests()
    {
        using var client = NewClient();
        var (stored, data) = await StoreAsync(client, 1);

        Assert.True(stored.BlobStoreResult.NewlyCreated);
        Assert.Equal(PatchCount, stored.Patches.Count);
        Assert.Equal(data.Keys.Order(StringComparer.Ordinal), stored.Patches.Select(p => p.Identifier));
        Assert.All(stored.Patches, p => Assert.Equal(stored.BlobStoreResult.BlobId, p.PatchId.QuiltId));

        long patchRequests = 0;
        foreach (var patch in stored.Patches)
        {
            var byId = await client.ReadQuiltPatchesAsync([patch.PatchId]);
            var read = Assert.Single(byId.Patches);
            Assert.Equal(data[patch.Identifier], read.Data);
            Assert.Equal(patch.Identifier, read.Identifier);
            Assert.Equal(patch.Tags.OrderBy(t => t.Key, StringComparer.Ordinal), read.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
            Assert.False(byId.FullRead);
            Assert.Equal(patch.PatchId.Patch.ColumnCount, byId.ColumnsFetched);
            patchRequests = Math.Max(patchRequests, byId.NodeRequests);

            var byIdentifier = await client.ReadQuiltPatchAsync(stored.BlobStoreResult.BlobId, patch.Identifier);
            Assert.Equal(data[patch.Identifier], byIdentifier.Data);
            Assert.Equal(patch.PatchId, byIdentifier.PatchId);
        }

        using var whole = new MemoryStream();
        var full = await client.ReadAsync(stored.BlobStoreResult.BlobId, whole);
        // A patch costs its metadata and its few columns; a full read costs the metadata and n_p = 34 slivers.
        Assert.True(patchRequests * 5 < full.NodeRequests, $"a patch read took up to {patchRequests} node requests, a full read {full.NodeRequests}");

        var listed = await client.ListQuiltPatchesAsync(stored.BlobStoreResult.BlobId);
        Assert.Equal(stored.Patches.Select(p => (p.Identifier, p.PatchId)), listed.Select(p => (p.Identifier, p.PatchId)));
        Assert.Equal("odd", listed[1].Tags["parity"]);

        var odd = await client.ReadQuiltPatchesByTagAsync(stored.BlobStoreResult.BlobId, "parity", "odd");
        Assert.Equal(PatchCount / 2, odd.Patches.Count);
        Assert.All(odd.Patches, p => Assert.Equal(data[p.Identifier], p.Data));
        Assert.Empty((await client.ReadQuiltPatchesByTagAsync(stored.BlobStoreResult.BlobId, "parity", "none")).Patches);
    }

    [Fact]
    public async Task Every_patch_reads_back_with_a_node_of_f_shards_down_by_rebuilding_its_columns()
    {
        using var client = NewClient();
        var (stored, data) = await StoreAsync(client, 2);
        var quiltId = stored.BlobStoreResult.BlobId;
        var committee = await client.GetCommitteeAsync();
        // The holder of a patch's first column, so that the stopped node matters to some read.
        var column = stored.Patches[PatchCount / 2].PatchId.Patch.SliverPairIndices(EncodingConfig.Create(committee.ShardCount))[0];
        Assert.True(committee.TryGetHolder(ShardMapping.ShardForPair(quiltId, column, committee.ShardCount), out var victim));
        Assert.True(3 * victim.Weight <= committee.ShardCount, $"the stopped node must hold at most f shards; weights: {string.Join(", ", committee.Members.Select(m => m.Weight))}");
        var node = Cluster.Node(victim.NodeId);
        node.Kill();
        try
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.Node(victim.NetworkAddress).GetHealthAsync());
            var recovered = 0;
            foreach (var patch in stored.Patches)
            {
                var byId = await client.ReadQuiltPatchesAsync([patch.PatchId]);
                Assert.Equal(data[patch.Identifier], Assert.Single(byId.Patches).Data);
                Assert.False(byId.FullRead, "a column of a node that is down is rebuilt from the others' symbols, not by a full read");
                recovered += byId.ColumnsRecovered;

                var byIdentifier = await client.ReadQuiltPatchesAsync(quiltId, [patch.Identifier]);
                Assert.Equal(data[patch.Identifier], Assert.Single(byIdentifier.Patches).Data);
                Assert.Empty(byIdentifier.Liars);
            }

            Assert.True(recovered > 0, $"no patch had a column on the stopped node {victim.NetworkAddress} (weight {victim.Weight}): nothing was tested");
        }
        finally
        {
            await node.StartAsync();
        }
    }

    [Fact]
    public async Task A_node_returning_corrupt_columns_is_named_and_the_patch_still_reads_back()
    {
        QuiltStoreResult stored;
        Dictionary<string, byte[]> data;
        using (var writer = NewClient())
        {
            (stored, data) = await StoreAsync(writer, 3);
        }

        var quiltId = stored.BlobStoreResult.BlobId;
        var committee = await Cluster.Chain.GetCommitteeAsync((await Cluster.Chain.GetEpochAsync()).Epoch);
        var patch = stored.Patches[PatchCount / 2];
        var pair = patch.PatchId.Patch.SliverPairIndices(EncodingConfig.Create(committee.ShardCount))[0];
        Assert.True(committee.TryGetHolder(ShardMapping.ShardForPair(quiltId, pair, committee.ShardCount), out var liar));
        using var handler = new CorruptingHandler(liar.NetworkAddress);
        using var http = new HttpClient(handler);
        using var client = NewClient(http);

        var read = await client.ReadQuiltPatchesAsync([patch.PatchId]);

        Assert.Equal(data[patch.Identifier], Assert.Single(read.Patches).Data);
        Assert.True(handler.Corrupted > 0, "the liar was never asked: nothing was tested");
        Assert.Equal([liar.NetworkAddress], read.Liars);
        Assert.True(read.ColumnsRecovered > 0);
    }

    [Fact]
    public async Task When_no_node_gives_columns_the_patches_come_from_the_whole_quilt_streamed_to_a_file()
    {
        QuiltStoreResult stored;
        Dictionary<string, byte[]> data;
        using (var writer = NewClient())
        {
            (stored, data) = await StoreAsync(writer, 5);
        }

        var quiltId = stored.BlobStoreResult.BlobId;
        using var handler = new ColumnRefusingHandler();
        using var http = new HttpClient(handler);
        using var client = NewClient(http);
        var temp = Directory.GetFiles(Path.GetTempPath(), "walrus-quilt-read-*").Length;

        var some = stored.Patches.Where((_, i) => i % 3 == 0).ToList();
        var byId = await client.ReadQuiltPatchesAsync([.. some.Select(p => p.PatchId)]);
        Assert.True(byId.FullRead);
        Assert.Equal(some.Select(p => data[p.Identifier]), byId.Patches.Select(p => p.Data));
        Assert.Equal(some.Select(p => p.Identifier), byId.Patches.Select(p => p.Identifier));

        var byIdentifier = await client.ReadQuiltPatchesAsync(quiltId, ["file-019.bin", "file-000.bin"]);
        Assert.True(byIdentifier.FullRead);
        Assert.Equal([data["file-019.bin"], data["file-000.bin"]], byIdentifier.Patches.Select(p => p.Data));

        var info = await client.ReadQuiltPatchInfoAsync(quiltId, "file-007.bin");
        Assert.Equal(PatchSize, info.Length);
        Assert.Equal(stored.Patches.Single(p => p.Identifier == "file-007.bin").PatchId, info.PatchId);
        Assert.Equal(stored.Patches.Select(p => p.PatchId), (await client.ListQuiltPatchesAsync(quiltId)).Select(p => p.PatchId));

        Assert.True(handler.Refused > 0, "no column was refused: nothing was tested");
        Assert.Equal(temp, Directory.GetFiles(Path.GetTempPath(), "walrus-quilt-read-*").Length);
    }

    [Fact]
    public async Task A_patch_header_reads_without_the_patch_data_and_many_patches_stream_in_the_order_asked()
    {
        using var client = NewClient();
        var files = Files(3, 200_000, 6).Concat(Files(4, 100, 7).Select(f => QuiltPatchInput.FromBytes("small-" + f.Identifier, f.Data.ToArray(), null))).ToList();
        var data = files.ToDictionary(f => f.Identifier, f => f.Data.ToArray());
        var stored = await client.StoreQuiltAsync(files, new StoreOptions { Epochs = 2 });
        await stored.BlobStoreResult.RemainingUploads;
        var quiltId = stored.BlobStoreResult.BlobId;
        var big = stored.Patches.First(p => p.PatchId.Patch.ColumnCount > 2);

        var before = client.NodeRequestCount;
        var info = await client.ReadQuiltPatchInfoAsync(big.PatchId);
        var headRequests = client.NodeRequestCount - before;
        Assert.Equal(big.Identifier, info.Identifier);
        Assert.Equal(data[big.Identifier].Length, info.Length);
        Assert.Equal("even", info.Tags["parity"]);
        before = client.NodeRequestCount;
        await client.ReadQuiltPatchAsync(big.PatchId);
        // The header lies in the patch's first column: metadata and one sliver, against metadata and every column.
        Assert.True(headRequests < client.NodeRequestCount - before, $"a header read took {headRequests} node requests, a patch read {client.NodeRequestCount - before}");

        var asked = new[] { "small-file-002.bin", big.Identifier, "small-file-000.bin", "small-file-002.bin" };
        var streamed = new List<QuiltPatchRead>();
        var result = await client.ReadQuiltPatchesAsync(quiltId, asked, null, (patch, _) =>
        {
            streamed.Add(patch);
            return ValueTask.CompletedTask;
        });
        Assert.Empty(result.Patches);
        Assert.Equal(asked, streamed.Select(p => p.Identifier));
        Assert.All(streamed, p => Assert.Equal(data[p.Identifier], p.Data));

        var handed = 0;
        await Assert.ThrowsAsync<QuiltPatchNotFoundException>(() => client.ReadQuiltPatchesAsync(quiltId, ["small-file-000.bin", "nope"], null, (_, _) =>
        {
            handed++;
            return ValueTask.CompletedTask;
        }));
        Assert.Equal(0, handed);
    }

    [Fact]
    public async Task Patches_streamed_in_batches_of_bounded_columns_keep_the_order_asked_and_fetch_each_batch_once()
    {
        QuiltStoreResult stored;
        Dictionary<string, byte[]> data;
        using (var writer = NewClient())
        {
            (stored, data) = await StoreAsync(writer, 8);
        }

        // One byte of budget: every patch is a batch of its own, its columns dropped before the next.
        using var client = new WalrusClient(Cluster.Chain, TestCluster.User()) { QuiltBatchColumnBytes = 1 };
        var asked = new[] { stored.Patches[7], stored.Patches[2], stored.Patches[7], stored.Patches[19] };
        var streamed = new List<QuiltPatchRead>();
        var result = await client.ReadQuiltPatchesAsync(stored.BlobStoreResult.BlobId, null, [.. asked.Select(p => p.PatchId)], (patch, _) =>
        {
            streamed.Add(patch);
            return ValueTask.CompletedTask;
        });

        Assert.Equal(asked.Select(p => p.Identifier), streamed.Select(p => p.Identifier));
        Assert.All(streamed, p => Assert.Equal(data[p.Identifier], p.Data));
        // The index's columns, then each batch's columns (the repeated patch's again: its batch came later).
        Assert.Equal(stored.IndexColumns + asked.Sum(p => p.PatchId.Patch.ColumnCount), result.ColumnsFetched + result.ColumnsRecovered);
        Assert.False(result.FullRead);
    }

    [Fact]
    public async Task Unknown_identifiers_and_patch_ids_outside_any_patch_are_refused_by_name()
    {
        using var client = NewClient();
        var (stored, _) = await StoreAsync(client, 4);
        var quiltId = stored.BlobStoreResult.BlobId;

        var missing = await Assert.ThrowsAsync<QuiltPatchNotFoundException>(() => client.ReadQuiltPatchesAsync(quiltId, ["file-000.bin", "no-such-file"]));
        Assert.Contains("no-such-file", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<QuiltPatchNotFoundException>(() => client.ReadQuiltPatchAsync(new QuiltPatchId(quiltId, new QuiltPatchInternalId(0, 1))));
    }

    [Fact]
    public async Task A_quilt_breaking_a_rule_is_refused_before_paying()
    {
        using var client = NewClient();
        var balance = await Cluster.Chain.Wal.BalanceOfAsync(client.Address!.Value);
        var duplicate = new[] { QuiltPatchInput.FromBytes("a", new byte[10]), QuiltPatchInput.FromBytes("a", new byte[20]) };

        await Assert.ThrowsAsync<QuiltException>(() => client.StoreQuiltAsync(duplicate));
        Assert.Equal(balance, await Cluster.Chain.Wal.BalanceOfAsync(client.Address!.Value));
    }
}
