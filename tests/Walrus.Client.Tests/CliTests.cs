using System.Text.Json;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Core.Encoding;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary><c>walrus store/read/blob-status/info/generate-wallet</c> as processes against the real cluster, with <c>--json</c> parsed.</summary>
public sealed class CliTests(TestCluster cluster) : IClassFixture<TestCluster>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("walrus-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<string> WriteConfigAsync() => CliConfig.WriteAsync(cluster, _dir);

    internal static async Task<JsonElement> JsonOfAsync(params string[] arguments)
    {
        var (exit, output, error) = await CliProcess.RunAsync(arguments);
        Assert.True(exit == 0, $"walrus {string.Join(' ', arguments)} exited {exit}: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public async Task Store_then_read_through_the_cli_round_trips_and_every_json_answer_parses()
    {
        var config = await WriteConfigAsync();
        var file = Path.Combine(_dir, "blob.bin");
        var blob = new byte[70_000];
        new Random(21).NextBytes(blob);
        await File.WriteAllBytesAsync(file, blob);

        var dry = await JsonOfAsync("store", file, "--dry-run", "--epochs", "2", "--config", config, "--json");
        var stored = await JsonOfAsync("store", file, "--epochs", "2", "--config", config, "--json");
        var again = await JsonOfAsync("store", file, "--epochs", "2", "--config", config, "--json");
        var blobId = stored[0].GetProperty("blobId").GetString()!;
        Assert.Equal(blobId, dry[0].GetProperty("blobId").GetString());
        Assert.Equal("newlyCreated", stored[0].GetProperty("outcome").GetString());
        Assert.Equal("alreadyCertified", again[0].GetProperty("outcome").GetString());
        Assert.Equal("0", again[0].GetProperty("cost").GetString());

        var copy = Path.Combine(_dir, "copy.bin");
        var read = await JsonOfAsync("read", blobId, "--out", copy, "--strict-consistency-check", "--config", config, "--json");
        Assert.Equal(blob.Length, read.GetProperty("size").GetInt64());
        Assert.Equal(blob, await File.ReadAllBytesAsync(copy));

        var status = await JsonOfAsync("blob-status", blobId, "--config", config, "--json");
        Assert.Equal(blobId, status.GetProperty("blobId").GetString());
        Assert.False(status.GetProperty("invalid").GetBoolean());

        var info = await JsonOfAsync("info", "--config", config, "--json");
        Assert.Equal(TestCluster.Shards, info.GetProperty("nShards").GetInt32());
        Assert.Equal(cluster.Nodes.Count, info.GetProperty("committee").GetArrayLength());
    }

    [Fact]
    public async Task A_store_that_finishes_a_registration_ending_too_early_says_resumed_and_reuse_and_extend_non_certified()
    {
        var config = await WriteConfigAsync();
        var file = Path.Combine(_dir, "short.bin");
        var blob = new byte[40_000];
        new Random(22).NextBytes(blob);
        await File.WriteAllBytesAsync(file, blob);
        var current = (await cluster.Chain.GetEpochAsync()).Epoch;
        var committee = await cluster.Chain.GetCommitteeAsync(current);
        using var encoded = new Rs2Encoder(EncodingConfig.Create(committee.ShardCount)).Encode(blob);
        using var user = TestCluster.User();
        var quote = await cluster.Chain.QuoteStoreAsync((ulong)blob.Length, 1);
        var objectId = (await cluster.Chain.ReserveAndRegisterBlobsAsync(user, [BlobRegistration.From(encoded.Metadata, deletable: true)], 1, quote.Total))[0];
        var extension = await cluster.Chain.System.StorageCostAsync((await cluster.Chain.GetBlobAsync(objectId)).StorageSize, 2);

        var stored = (await JsonOfAsync("store", file, "--epochs", "3", "--config", config, "--json"))[0];

        Assert.Equal("resumed", stored.GetProperty("outcome").GetString());
        Assert.Equal(NodeClient.ObjectIdHex(objectId), stored.GetProperty("objectId").GetString());
        Assert.Equal(extension.ToString(System.Globalization.CultureInfo.InvariantCulture), stored.GetProperty("cost").GetString());
        Assert.Equal(current.Value + 3, stored.GetProperty("endEpoch").GetUInt32());
        Assert.Equal(2, stored.GetProperty("resourceOperation").GetProperty("reuseAndExtendNonCertified").GetProperty("epochsExtended").GetInt32());
    }

    [Fact]
    public async Task Delete_with_files_deletes_the_wallets_objects_of_the_blob_ids_the_files_encode_to()
    {
        var config = await WriteConfigAsync();
        var kept = Path.Combine(_dir, "kept.bin");
        var gone = Path.Combine(_dir, "gone.bin");
        await File.WriteAllBytesAsync(kept, [.. Enumerable.Range(0, 5_000).Select(i => (byte)i)]);
        await File.WriteAllBytesAsync(gone, [.. Enumerable.Range(0, 6_000).Select(i => (byte)(i * 7))]);
        var stored = await JsonOfAsync("store", kept, gone, "--config", config, "--json");
        var keptBlob = stored[0].GetProperty("blobId").GetString();
        var goneBlob = stored[1].GetProperty("blobId").GetString();

        var deleted = await JsonOfAsync("delete", "--files", gone, "--config", config, "--json");

        var one = Assert.Single(deleted.EnumerateArray());
        Assert.Equal(goneBlob, one.GetProperty("blobId").GetString());
        var objectId = System.Numerics.BigInteger.Parse(one.GetProperty("objectId").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(stored[1].GetProperty("objectId").GetString(), NodeClient.ObjectIdHex(objectId));
        using var client = new WalrusClient(cluster.Chain, TestCluster.User());
        var owned = (await client.ListBlobsAsync()).Select(b => b.Blob.BlobId.ToString()).ToList();
        Assert.DoesNotContain(goneBlob, owned);
        Assert.Contains(keptBlob, owned);

        // Nothing of the wallet's is left for that file: a clear error and a non-zero exit.
        var (exit, _, error) = await CliProcess.RunAsync("delete", "--files", gone, "--config", config, "--json");
        Assert.NotEqual(0, exit);
        Assert.Contains("you hold no blob object", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_is_one_error_line_and_a_non_zero_exit()
    {
        var config = await WriteConfigAsync();
        var (exit, output, error) = await CliProcess.RunAsync("read", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "--config", config);
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_wallet_writes_a_key_file_only_its_owner_can_read()
    {
        var path = Path.Combine(_dir, "new-wallet.json");
        var answer = await JsonOfAsync("generate-wallet", "--path", path, "--json");
        Assert.StartsWith("0x", answer.GetProperty("address").GetString(), StringComparison.Ordinal);
        // KeyFile.ReadAsync refuses a key file that its group or others can access, so reading it checks the 0600 mode.
        using var key = await KeyFile.ReadAsync(path);
        Assert.Equal(answer.GetProperty("address").GetString(), key.Address.ToString());
        Assert.NotEqual(0, (await CliProcess.RunAsync("generate-wallet", "--path", path)).ExitCode);
    }
}
