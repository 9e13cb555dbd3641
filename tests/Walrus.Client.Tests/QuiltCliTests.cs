using System.Text.Json;

namespace Walrus.Client.Tests;

/// <summary><c>walrus store-quilt / list-patches-in-quilt / read-quilt</c> as processes against the 100-shard cluster, with <c>--json</c> parsed.</summary>
public sealed class QuiltCliTests(LargeCluster large) : IClassFixture<LargeCluster>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("walrus-quilt-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Store_quilt_then_list_and_read_every_patch_through_the_cli_round_trips()
    {
        var config = await CliConfig.WriteAsync(large.Cluster, _dir);
        var files = Directory.CreateDirectory(Path.Combine(_dir, "files")).FullName;
        var random = new Random(31);
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < 12; i++)
        {
            // Text, so that a patch sent to stdout compares exactly.
            var bytes = new byte[1000 + (i * 700)];
            for (var j = 0; j < bytes.Length; j++)
            {
                bytes[j] = (byte)('a' + random.Next(26));
            }

            var name = $"page-{i:D2}.html";
            data[name] = bytes;
            await File.WriteAllBytesAsync(Path.Combine(files, name), bytes);
        }

        var tagged = Path.Combine(_dir, "logo.bin");
        data["logo"] = [1, 2, 3, 4, 5];
        await File.WriteAllBytesAsync(tagged, data["logo"]);

        // --paths takes a directory; a JSON --blobs quilt names its own identifiers and tags.
        var dry = await CliTests.JsonOfAsync("store-quilt", "--paths", files, "--dry-run", "--epochs", "2", "--config", config, "--json");
        var stored = await CliTests.JsonOfAsync("store-quilt", "--paths", files, "--epochs", "2", "--config", config, "--json");
        var quiltId = stored.GetProperty("blobStoreResult").GetProperty("blobId").GetString()!;
        Assert.Equal(quiltId, dry.GetProperty("quote").GetProperty("quiltId").GetString());
        Assert.Equal("newlyCreated", stored.GetProperty("blobStoreResult").GetProperty("outcome").GetString());
        var patches = stored.GetProperty("storedQuiltBlobs").EnumerateArray().ToList();
        Assert.Equal(data.Keys.Where(k => k != "logo").Order(StringComparer.Ordinal), patches.Select(p => p.GetProperty("identifier").GetString()));

        var listed = await CliTests.JsonOfAsync("list-patches-in-quilt", quiltId, "--config", config, "--json");
        Assert.Equal(patches.Select(p => p.GetProperty("quiltPatchId").GetString()),
            listed.GetProperty("patches").EnumerateArray().Select(p => p.GetProperty("quiltPatchId").GetString()));

        var byIds = await CliTests.JsonOfAsync(["read-quilt", "--quilt-patch-ids", .. patches.Select(p => p.GetProperty("quiltPatchId").GetString()!), "--config", config, "--json"]);
        foreach (var patch in byIds.GetProperty("patches").EnumerateArray())
        {
            Assert.Equal(data[patch.GetProperty("identifier").GetString()!], patch.GetProperty("data").GetBytesFromBase64());
        }

        var outDir = Path.Combine(_dir, "out");
        var byIdentifiers = await CliTests.JsonOfAsync("read-quilt", "--quilt-id", quiltId, "--identifiers", "page-03.html", "page-11.html", "--out", outDir, "--config", config, "--json");
        Assert.Equal(2, byIdentifiers.GetProperty("patches").GetArrayLength());
        Assert.Equal(data["page-03.html"], await File.ReadAllBytesAsync(Path.Combine(outDir, "page-03.html")));
        Assert.Equal(data["page-11.html"], await File.ReadAllBytesAsync(Path.Combine(outDir, "page-11.html")));

        var (exit, output, error) = await CliProcess.RunAsync("read-quilt", "--quilt-patch-ids", patches[5].GetProperty("quiltPatchId").GetString()!, "--config", config);
        Assert.True(exit == 0, error);
        Assert.Equal(System.Text.Encoding.ASCII.GetString(data["page-05.html"]), output);

        var blobSpec = JsonSerializer.Serialize(new { path = tagged, identifier = "logo", tags = new Dictionary<string, string> { ["content-type"] = "image/png" } });
        var withTags = await CliTests.JsonOfAsync("store-quilt", "--blobs", blobSpec, "--config", config, "--json");
        var logoQuilt = withTags.GetProperty("blobStoreResult").GetProperty("blobId").GetString()!;
        var byTag = await CliTests.JsonOfAsync("read-quilt", "--quilt-id", logoQuilt, "--tag", "content-type", "image/png", "--config", config, "--json");
        var logo = Assert.Single(byTag.GetProperty("patches").EnumerateArray());
        Assert.Equal("logo", logo.GetProperty("identifier").GetString());
        Assert.Equal("image/png", logo.GetProperty("tags").GetProperty("content-type").GetString());
        Assert.Equal(data["logo"], logo.GetProperty("data").GetBytesFromBase64());

        var (missingExit, _, missingError) = await CliProcess.RunAsync("read-quilt", "--quilt-id", quiltId, "--identifiers", "nope", "--config", config);
        Assert.Equal(1, missingExit);
        Assert.Contains("nope", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_quilt_through_the_cli_reads_every_patch_with_a_node_holding_their_columns_down()
    {
        var config = await CliConfig.WriteAsync(large.Cluster, _dir);
        var files = Directory.CreateDirectory(Path.Combine(_dir, "down")).FullName;
        var random = new Random(41);
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            var bytes = new byte[10 * 1024];
            random.NextBytes(bytes);
            data[$"f{i:D2}"] = bytes;
            await File.WriteAllBytesAsync(Path.Combine(files, $"f{i:D2}"), bytes);
        }

        var stored = await CliTests.JsonOfAsync("store-quilt", "--paths", files, "--config", config, "--json");
        var quiltId = Walrus.Core.BlobId.Parse(stored.GetProperty("blobStoreResult").GetProperty("blobId").GetString()!);
        var patchIds = stored.GetProperty("storedQuiltBlobs").EnumerateArray().Select(p => p.GetProperty("quiltPatchId").GetString()!).ToList();
        var committee = await large.Cluster.Chain.GetCommitteeAsync((await large.Cluster.Chain.GetEpochAsync()).Epoch);
        var pair = Walrus.Core.Quilts.QuiltPatchId.Parse(patchIds[10]).Patch.SliverPairIndices(Walrus.Core.Encoding.EncodingConfig.Create(committee.ShardCount))[0];
        Assert.True(committee.TryGetHolder(Walrus.Core.ShardMapping.ShardForPair(quiltId, pair, committee.ShardCount), out var victim));
        Assert.True(3 * victim.Weight <= committee.ShardCount, "the stopped node must hold at most f shards");
        var node = large.Cluster.Node(victim.NodeId);
        node.Kill();
        try
        {
            var byIds = await CliTests.JsonOfAsync(["read-quilt", "--quilt-patch-ids", .. patchIds, "--out", Path.Combine(_dir, "by-id"), "--config", config, "--json"]);
            var byNames = await CliTests.JsonOfAsync(["read-quilt", "--quilt-id", quiltId.ToString(), "--identifiers", .. data.Keys, "--out", Path.Combine(_dir, "by-name"), "--config", config, "--json"]);
            Assert.True(byIds.GetProperty("columnsRecovered").GetInt32() > 0, "no column was on the stopped node: nothing was tested");
            Assert.False(byIds.GetProperty("fullRead").GetBoolean());
            foreach (var (name, bytes) in data)
            {
                Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_dir, "by-id", name)));
                Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_dir, "by-name", name)));
            }

            Assert.Equal(data.Count, byNames.GetProperty("patches").GetArrayLength());
        }
        finally
        {
            await node.StartAsync();
        }
    }
}
