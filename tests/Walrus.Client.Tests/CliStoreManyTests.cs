using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary><c>walrus store a b --end-epoch E --json</c> as a process against the real cluster.</summary>
public sealed class CliStoreManyTests(TestCluster cluster) : IClassFixture<TestCluster>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("walrus-cli-many-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Two_files_store_in_one_call_with_an_end_epoch_and_report_their_resource_operation()
    {
        var config = await CliConfig.WriteAsync(cluster, _dir);
        var files = new[] { Path.Combine(_dir, "a.bin"), Path.Combine(_dir, "b.bin") };
        for (var i = 0; i < files.Length; i++)
        {
            var blob = new byte[30_000 + i];
            new Random(50 + i).NextBytes(blob);
            await File.WriteAllBytesAsync(files[i], blob);
        }

        var end = (await cluster.Chain.GetEpochAsync()).Epoch.Value + 2;

        var stored = await CliTests.JsonOfAsync("store", files[0], files[1], "--end-epoch", end.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", config, "--json");

        Assert.Equal(2, stored.GetArrayLength());
        foreach (var result in stored.EnumerateArray())
        {
            Assert.Equal("newlyCreated", result.GetProperty("outcome").GetString());
            Assert.Equal(end, result.GetProperty("endEpoch").GetUInt32());
            var scratch = result.GetProperty("resourceOperation").GetProperty("registerFromScratch");
            Assert.Equal(2u, scratch.GetProperty("epochsAhead").GetUInt32());
            Assert.Equal(result.GetProperty("encodedSize").GetInt64(), scratch.GetProperty("encodedLength").GetInt64());
        }
    }

    [Fact]
    public async Task A_file_that_fails_leaves_the_others_stored_reported_and_fully_uploaded_before_the_exit()
    {
        var config = await CliConfig.WriteAsync(cluster, _dir);
        var small = Path.Combine(_dir, "small.bin");
        var large = Path.Combine(_dir, "large.bin");
        var smallBlob = new byte[20_000];
        new Random(60).NextBytes(smallBlob);
        await File.WriteAllBytesAsync(small, smallBlob);
        var largeBlob = new byte[1_000_000];
        new Random(61).NextBytes(largeBlob);
        await File.WriteAllBytesAsync(large, largeBlob);
        var smallCost = (await cluster.Chain.QuoteStoreAsync((ulong)smallBlob.Length, 1)).Total;
        Assert.True((await cluster.Chain.QuoteStoreAsync((ulong)largeBlob.Length, 1)).Total > smallCost, "the large file must cost more than the small one");

        // The large file costs more than --max-cost: it fails, the small one is still stored.
        var (exit, output, error) = await CliProcess.RunAsync(
            "store", large, small, "--max-cost", smallCost.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", config, "--json");

        Assert.Equal(1, exit);
        var results = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("error", results[0].GetProperty("outcome").GetString());
        Assert.Contains("above the maximum", results[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains($"error: {large}", error, StringComparison.Ordinal);
        Assert.Equal("newlyCreated", results[1].GetProperty("outcome").GetString());

        // The CLI awaited the remaining uploads before exiting: every node already holds all of its slivers.
        var blobId = BlobId.Parse(results[1].GetProperty("blobId").GetString()!);
        using var checker = new WalrusClient(cluster.Chain);
        var committee = await checker.GetCommitteeAsync();
        foreach (var member in committee.Members)
        {
            var node = checker.Node(member.NetworkAddress);
            foreach (var shard in member.Shards)
            {
                var pair = ShardMapping.PairForShard(blobId, shard, committee.ShardCount);
                Assert.Equal(StoredOnNodeStatus.Stored, await node.GetSliverStatusAsync(blobId, pair, SliverType.Primary));
                Assert.Equal(StoredOnNodeStatus.Stored, await node.GetSliverStatusAsync(blobId, pair, SliverType.Secondary));
            }
        }
    }

    [Fact]
    public async Task A_dry_run_with_an_end_epoch_or_an_expiry_time_shows_the_cost_and_encoded_size_for_those_epochs_and_pays_nothing()
    {
        var config = await CliConfig.WriteAsync(cluster, _dir);
        var file = Path.Combine(_dir, "dry.bin");
        var blob = new byte[40_000];
        new Random(70).NextBytes(blob);
        await File.WriteAllBytesAsync(file, blob);
        using var user = TestCluster.User();
        var before = await cluster.Chain.Wal.BalanceOfAsync(user.Address);
        var current = (await cluster.Chain.GetEpochAsync()).Epoch.Value;
        var state = await cluster.Chain.GetSystemStateAsync();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;

        // Until epoch current + 3; and until one second past the current epoch's end, which needs two epochs.
        var untilEpoch = await CliTests.JsonOfAsync("store", file, "--dry-run", "--end-epoch", (current + 3).ToString(invariant), "--config", config, "--json");
        var untilTime = await CliTests.JsonOfAsync("store", file, "--dry-run", "--earliest-expiry-time", (state.EpochChangeAt + 1).ToString(invariant), "--config", config, "--json");

        foreach (var (answer, epochs) in new[] { (untilEpoch[0], 3u), (untilTime[0], 2u) })
        {
            var quote = await cluster.Chain.QuoteStoreAsync((ulong)blob.Length, epochs);
            Assert.Equal(epochs, answer.GetProperty("epochsAhead").GetUInt32());
            Assert.Equal(current + epochs, answer.GetProperty("endEpoch").GetUInt32());
            Assert.Equal(quote.Total.ToString(invariant), answer.GetProperty("totalCost").GetString());
            Assert.Equal((long)quote.EncodedSize, answer.GetProperty("encodedSize").GetInt64());
            Assert.Equal(blob.Length, answer.GetProperty("unencodedSize").GetInt64());
        }

        Assert.Equal(before, await cluster.Chain.Wal.BalanceOfAsync(user.Address));
    }

    [Fact]
    public async Task Without_a_terminal_progress_is_plain_lines_on_stderr_and_with_json_there_is_none()
    {
        var config = await CliConfig.WriteAsync(cluster, _dir);
        var plain = Path.Combine(_dir, "plain.bin");
        var quiet = Path.Combine(_dir, "quiet.bin");
        await File.WriteAllBytesAsync(plain, [.. Enumerable.Range(0, 30_000).Select(i => (byte)(i * 3))]);
        await File.WriteAllBytesAsync(quiet, [.. Enumerable.Range(0, 30_000).Select(i => (byte)(i * 5))]);

        var (exit, output, error) = await CliProcess.RunAsync("store", plain, "--config", config);
        var (jsonExit, json, jsonError) = await CliProcess.RunAsync("store", quiet, "--config", config, "--json");

        Assert.True(exit == 0, error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("plain.bin: encoding", lines);
        Assert.Contains("plain.bin: registering", lines);
        Assert.Contains(lines, l => l.StartsWith("plain.bin: uploading 100% of ", StringComparison.Ordinal));
        Assert.Contains("plain.bin: certifying", lines);
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.StartsWith($"{plain}: blob ", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output + error); // no colour or cursor codes without a terminal

        Assert.True(jsonExit == 0, jsonError);
        Assert.DoesNotContain("quiet.bin:", jsonError, StringComparison.Ordinal);
        Assert.Equal("newlyCreated", System.Text.Json.JsonDocument.Parse(json).RootElement[0].GetProperty("outcome").GetString());
    }
}
