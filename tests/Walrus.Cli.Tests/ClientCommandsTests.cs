using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using Walrus.Chain.Crypto;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.TestKit.Cluster;

namespace Walrus.Cli.Tests;

/// <summary>
/// The blob, attribute, staking and health commands of the real <c>walrus</c> process against a real network (anvil, the
/// real contracts, four storage nodes as processes), with the testbed's client config and funded wallet; every answer
/// is read as <c>--json</c> and checked against the chain.
/// </summary>
public sealed class ClientCommandsTests(TestCluster cluster) : IClassFixture<TestCluster>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);
    private readonly string _dir = Directory.CreateTempSubdirectory("walrus-cli-commands-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config => cluster.Network.ClientConfigPath;

    private Task<JsonElement> JsonAsync(params string[] arguments) => WalrusProcess.JsonAsync([.. arguments, "--config", Config, "--json"]);

    private async Task<JsonElement> StoreAsync(int seed, int size, params string[] flags)
    {
        var file = Path.Combine(_dir, $"blob-{seed}.bin");
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        await File.WriteAllBytesAsync(file, bytes);
        var stored = await JsonAsync(["store", file, .. flags]);
        return stored[0];
    }

    private static BigInteger Id(JsonElement element, string property)
    {
        var text = element.GetProperty(property).GetString()!;
        return text.StartsWith("0x", StringComparison.Ordinal)
            ? BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : BigInteger.Parse(text, CultureInfo.InvariantCulture);
    }

    private async Task<BigInteger> BalanceAsync()
    {
        using var wallet = await KeyFile.ReadAsync(cluster.Network.WalletPath);
        return await cluster.Chain.Wal.BalanceOfAsync(wallet.Address);
    }

    [Fact]
    public async Task List_blobs_shows_the_stored_blobs_and_extend_changes_the_end_epoch_on_chain()
    {
        var first = await StoreAsync(401, 6_000, "--epochs", "2");
        var second = await StoreAsync(402, 7_000, "--epochs", "3", "--permanent");

        var listed = (await JsonAsync("list-blobs")).EnumerateArray().ToList();
        foreach (var stored in new[] { first, second })
        {
            var row = Assert.Single(listed, b => Id(b, "objectId") == Id(stored, "objectId"));
            Assert.Equal(stored.GetProperty("blobId").GetString(), row.GetProperty("blobId").GetString());
            Assert.Equal(stored.GetProperty("endEpoch").GetUInt32(), row.GetProperty("endEpoch").GetUInt32());
            Assert.Equal(stored.GetProperty("deletable").GetBoolean(), row.GetProperty("deletable").GetBoolean());
            Assert.Equal("certified", row.GetProperty("state").GetString());
        }

        var before = await BalanceAsync();
        var extended = await JsonAsync("extend", "--blob-obj-id", first.GetProperty("objectId").GetString()!, "--epochs", "3");

        var end = first.GetProperty("endEpoch").GetUInt32() + 3;
        Assert.Equal(end, extended.GetProperty("endEpoch").GetUInt32());
        Assert.Equal(end, (await cluster.Chain.GetBlobAsync(Id(first, "objectId"))).EndEpoch.Value);
        Assert.Equal(before - Id(extended, "cost"), await BalanceAsync());
    }

    [Fact]
    public async Task Delete_makes_the_nodes_drop_the_data_and_a_read_then_fails_with_one_line()
    {
        var stored = await StoreAsync(403, 5_000, "--epochs", "2");
        var blobId = stored.GetProperty("blobId").GetString()!;

        // Without --yes and without a terminal to ask on, nothing is deleted.
        var refused = WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("delete", "--blob-id", blobId, "--config", Config));
        Assert.Contains("--yes", refused, StringComparison.Ordinal);

        var deleted = await JsonAsync("delete", "--blob-id", blobId);

        Assert.Equal(Id(stored, "objectId"), Id(deleted[0], "objectId"));
        Assert.True(Id(deleted[0], "storageTokenId") >= 0);
        Assert.DoesNotContain((await JsonAsync("list-blobs", "--include-expired")).EnumerateArray(), b => b.GetProperty("blobId").GetString() == blobId);
        foreach (var node in cluster.Nodes)
        {
            await Poll.UntilAsync(async () =>
            {
                using var response = await node.Http.GetAsync(NodeApiRoutes.MetadataPath(BlobId.Parse(blobId)));
                return response.StatusCode == HttpStatusCode.NotFound;
            }, Deadline, () => $"node {node.NodeId} still holds the deleted blob");
        }

        WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("read", blobId, "--out", Path.Combine(_dir, "gone.bin"), "--config", Config));
    }

    [Fact]
    public async Task Burn_removes_the_object_and_attributes_are_set_read_and_removed()
    {
        var stored = await StoreAsync(404, 3_000, "--epochs", "1");
        var objectId = stored.GetProperty("objectId").GetString()!;

        await JsonAsync("set-blob-attribute", objectId, "--attr", "content-type", "text/plain", "--attr", "owner", "ada");
        var attributes = (await JsonAsync("get-blob-attribute", objectId)).GetProperty("attributes");
        Assert.Equal("text/plain", attributes.GetProperty("content-type").GetString());
        Assert.Equal("ada", attributes.GetProperty("owner").GetString());

        await JsonAsync("remove-blob-attribute-fields", objectId, "--keys", "owner");
        var left = (await JsonAsync("get-blob-attribute", objectId)).GetProperty("attributes");
        Assert.Equal(["content-type"], left.EnumerateObject().Select(p => p.Name));
        await JsonAsync("remove-blob-attribute", objectId);
        Assert.Empty((await JsonAsync("get-blob-attribute", objectId)).GetProperty("attributes").EnumerateObject());

        var burned = await JsonAsync("burn-blobs", "--object-ids", objectId);
        Assert.Equal(Id(stored, "objectId"), BigInteger.Parse(burned.GetProperty("burned")[0].GetString()!, CultureInfo.InvariantCulture));
        Assert.DoesNotContain((await JsonAsync("list-blobs", "--include-expired")).EnumerateArray(), b => Id(b, "objectId") == Id(stored, "objectId"));
        var line = WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("get-blob-attribute", objectId, "--config", Config));
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stake_then_withdraw_before_it_counts_moves_the_wal_out_and_back()
    {
        var node = await NodeWithMostShardsAsync();
        var before = await BalanceAsync();

        var staked = (await JsonAsync("stake", "--node-ids", node.ToString(CultureInfo.InvariantCulture), "--amounts", "2000000000"))[0];

        Assert.Equal("2000000000", staked.GetProperty("principal").GetString());
        Assert.Equal("pending", staked.GetProperty("state").GetString());
        Assert.Equal(before - 2_000_000_000, await BalanceAsync());
        var id = staked.GetProperty("stakedWalId").GetString()!;
        Assert.Contains((await JsonAsync("list-staked-wal", "--staked-only")).EnumerateArray(), p => p.GetProperty("stakedWalId").GetString() == id);

        var answer = (await JsonAsync("request-withdraw-stake", id))[0];

        Assert.Equal(JsonValueKind.Null, answer.GetProperty("withdrawEpoch").ValueKind);
        Assert.Equal("2000000000", answer.GetProperty("paidNow").GetString());
        Assert.Equal(before, await BalanceAsync());
        Assert.DoesNotContain((await JsonAsync("list-staked-wal")).EnumerateArray(), p => p.GetProperty("stakedWalId").GetString() == id);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Active_stake_is_withdrawn_from_the_epoch_request_withdraw_names()
    {
        var node = await NodeWithMostShardsAsync();
        var id = (await JsonAsync("stake", "--node-ids", node.ToString(CultureInfo.InvariantCulture)))[0].GetProperty("stakedWalId").GetString()!;
        await cluster.AdvanceEpochAsync();
        var (epoch, _) = await cluster.Chain.GetEpochAsync();

        var answer = (await JsonAsync("request-withdraw-stake", id))[0];
        Assert.Equal(epoch.Value + 1, answer.GetProperty("withdrawEpoch").GetUInt32());
        Assert.Contains((await JsonAsync("list-staked-wal", "--withdrawing-only")).EnumerateArray(), p => p.GetProperty("stakedWalId").GetString() == id);
        var early = WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("withdraw-stake", id, "--config", Config));
        Assert.Contains($"from epoch {epoch.Value + 1}", early, StringComparison.Ordinal);

        await cluster.AdvanceEpochAsync();
        var before = await BalanceAsync();
        var paid = Id((await JsonAsync("withdraw-stake", id))[0], "amount");

        Assert.True(paid >= 1_000_000_000);
        Assert.Equal(before + paid, await BalanceAsync());
    }

    [Fact]
    public async Task Health_of_the_committee_lists_every_node_and_a_dead_node_url_exits_non_zero()
    {
        var committee = await JsonAsync("health", "--committee");
        var health = committee.GetProperty("nodes").EnumerateArray().ToList();
        var summary = committee.GetProperty("summary");

        Assert.Equal(cluster.Nodes.Select(n => n.NodeId).Order(), health.Select(h => h.GetProperty("nodeId").GetUInt32()).Order());
        Assert.Equal(cluster.Nodes.Count, summary.GetProperty("nodes").GetInt32());
        Assert.Equal(0, summary.GetProperty("unreachable").GetInt32());
        Assert.Equal(TestCluster.Shards, summary.GetProperty("shards").GetProperty("total").GetInt32());
        Assert.All(health, h => Assert.False(string.IsNullOrEmpty(h.GetProperty("nodeStatus").GetString())));
        var dead = await WalrusProcess.RunAsync("health", "--node-url", "127.0.0.1:1", "--json");
        Assert.NotEqual(0, dead.ExitCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(dead.Output).RootElement[0].GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_config_is_found_in_xdg_config_home_and_contexts_and_wallets_are_chosen_by_flag()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var xdg = Directory.CreateDirectory(Path.Combine(_dir, "xdg", "walrus")).FullName;
        await File.WriteAllTextAsync(Path.Combine(xdg, "client.json"), $$"""
            { "contexts": {
                "dead": { "rpc_url": "http://127.0.0.1:1", "deployment": "{{cluster.Network.DeploymentPath}}", "wallet": "{{cluster.Network.WalletPath}}" },
                "local": { "rpc_url": "{{cluster.Anvil.Endpoint}}", "deployment": "{{cluster.Network.DeploymentPath}}", "wallet": "{{cluster.Network.WalletPath}}" } },
              "default_context": "dead" }
            """);
        var environment = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = Path.GetDirectoryName(xdg)!, ["HOME"] = empty };

        var found = await WalrusProcess.RunAsync(["info", "--context", "local", "--json"], empty, environment);
        Assert.True(found.ExitCode == 0, found.Error);
        Assert.Equal(TestCluster.Shards, JsonDocument.Parse(found.Output).RootElement.GetProperty("nShards").GetInt32());

        var unknown = WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync(["info", "--context", "nope"], empty, environment));
        Assert.Contains("'nope'", unknown, StringComparison.Ordinal);
        Assert.Contains("dead, local", unknown, StringComparison.Ordinal);

        var wallet = Path.Combine(_dir, "other-wallet.json");
        await WalrusProcess.JsonAsync("generate-wallet", "--path", wallet, "--json");
        var mine = await WalrusProcess.RunAsync(["list-blobs", "--context", "local", "--wallet", wallet, "--json"], empty, environment);
        Assert.True(mine.ExitCode == 0, mine.Error);
        Assert.Equal(0, JsonDocument.Parse(mine.Output).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Errors_are_one_line_and_a_non_zero_exit()
    {
        var nowhere = Directory.CreateDirectory(Path.Combine(_dir, "nowhere")).FullName;
        var noConfig = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = nowhere, ["HOME"] = nowhere };
        Assert.Contains("--config", WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync(["list-blobs"], nowhere, noConfig)), StringComparison.Ordinal);
        Assert.Contains("does not exist", WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("list-blobs", "--config", Path.Combine(nowhere, "missing.json"))), StringComparison.Ordinal);
        Assert.Contains("--wallet", WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("list-blobs", "--wallet", Path.Combine(nowhere, "wallet.json"), "--config", Config)), StringComparison.Ordinal);
        Assert.Contains("'banana'", WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("delete", "--blob-id", "banana", "--yes", "--config", Config)), StringComparison.Ordinal);
        Assert.Contains("'x1'", WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("extend", "--blob-obj-id", "x1", "--epochs", "1", "--config", Config)), StringComparison.Ordinal);
        Assert.Contains("does not exist", WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("extend", "--blob-obj-id", "999999", "--epochs", "1", "--config", Config)), StringComparison.Ordinal);
        Assert.Contains("1 WAL", WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("stake", "--node-ids", "1", "--amounts", "5", "--config", Config)), StringComparison.Ordinal);
    }

    /// <summary>Extra stake on a node that already holds the most shards leaves the shard assignment as it is.</summary>
    private async Task<uint> NodeWithMostShardsAsync()
    {
        var (epoch, _) = await cluster.Chain.GetEpochAsync();
        var committee = await cluster.Chain.GetCommitteeAsync(epoch);
        return committee.Members.OrderByDescending(m => m.Weight).ThenBy(m => m.NodeId).First().NodeId;
    }
}
