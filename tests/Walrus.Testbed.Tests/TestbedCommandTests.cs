using System.Text.Json;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Chain.Services;
using Walrus.Chain.Transactions;
using Walrus.Core.NodeApi;
using Walrus.TestKit.Cluster;

namespace Walrus.Testbed.Tests;

/// <summary>`walrus testbed up` and `down` as real processes on a real anvil with the real contracts and node processes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TestbedCommandTests : IDisposable
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(8);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "walrus-testbed-" + Guid.NewGuid().ToString("N"));

    private static async Task<(WalrusChainClient Chain, JsonRpcClient Rpc)> ConnectAsync(string directory)
    {
        using var client = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "client.json")));
        var context = client.RootElement.GetProperty("contexts").GetProperty(client.RootElement.GetProperty("default_context").GetString()!);
        var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = new Uri(context.GetProperty("rpc_url").GetString()!) });
        var deployment = await WalrusDeployment.LoadAsync(context.GetProperty("deployment").GetString()!, CancellationToken.None);
        var chain = new WalrusChainClient(new ContractClient(new TransactionSender(new EthClient(rpc),
            new TransactionSenderOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20) })), deployment);
        return (chain, rpc);
    }

    private static async Task AssertNodesAndCommitteeAsync(JsonElement testbed, WalrusChainClient chain, int shards)
    {
        var nodes = testbed.GetProperty("nodes").EnumerateArray().ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var node in nodes)
        {
            using var response = await http.GetAsync(new Uri(new Uri(node.GetProperty("url").GetString()!), NodeApiRoutes.Health));
            Assert.True(response.IsSuccessStatusCode, $"{node.GetProperty("name")}: {(int)response.StatusCode}");
            Assert.False(node.GetProperty("byzantine").GetBoolean());
        }

        var (epoch, _) = await chain.GetEpochAsync();
        Assert.NotEqual(0u, epoch.Value);
        var committee = await chain.GetCommitteeAsync(epoch);
        Assert.Equal(nodes.Select(n => n.GetProperty("nodeId").GetUInt32()).Order(), committee.Members.Select(m => m.NodeId).Order());
        Assert.Equal(shards, committee.Members.Sum(m => m.Shards.Count));
        foreach (var node in nodes)
        {
            var member = committee.Members.Single(m => m.NodeId == node.GetProperty("nodeId").GetUInt32());
            Assert.Equal(member.Shards.Select(s => (int)s.Value), node.GetProperty("shards").EnumerateArray().Select(s => s.GetInt32()));
        }
    }

    private async Task DownAndAssertNothingLeftAsync(TestbedProcess up, JsonElement testbed)
    {
        var pids = TestbedProcess.Pids(testbed);
        var output = await NodeProcess.RunCliAsync("testbed", "down", "--dir", _directory);
        Assert.Contains("testbed: stopped", output, StringComparison.Ordinal);
        await up.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains("testbed: stopped.", up.Output, StringComparison.Ordinal);
        Assert.All(pids, pid => Assert.False(TestbedProcess.IsAlive(pid), $"pid {pid} is still running"));
        Assert.Empty(TestbedProcess.ProcessesMentioning(_directory));
    }

    [Fact]
    public async Task Up_brings_a_funded_network_up_and_down_from_another_process_leaves_nothing_running()
    {
        using var up = TestbedProcess.Up(_directory, "--shards", "10", "--epoch-duration", "1h");
        var testbed = await up.WaitUntilUpAsync(_directory, UpTimeout);

        Assert.Equal(4, testbed.GetProperty("nodes").GetArrayLength());
        using (var gateway = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            using var status = await gateway.GetAsync(new Uri(new Uri(testbed.GetProperty("gatewayUrl").GetString()!), "/status"));
            Assert.True(status.IsSuccessStatusCode, $"gateway /status: {(int)status.StatusCode}");
        }

        Assert.All(TestbedProcess.Pids(testbed), pid => Assert.True(TestbedProcess.IsAlive(pid), $"pid {pid} is not running"));
        var wallet = Path.Combine(_directory, "wallet.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(wallet));
        foreach (var config in testbed.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("config").GetString()!))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Path.GetDirectoryName(config)!, "signing-key.json")));
        }

        var (chain, rpc) = await ConnectAsync(_directory);
        using (rpc)
        {
            await AssertNodesAndCommitteeAsync(testbed, chain, shards: 10);
            using var user = await KeyFile.ReadAsync(wallet);
            Assert.Equal(10_000_000 * LocalNetwork.Wal, await chain.Wal.BalanceOfAsync(user.Address));
        }

        await DownAndAssertNothingLeftAsync(up, testbed);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Up_on_the_same_folder_resumes_the_deployment_with_its_chain_state_and_node_data()
    {
        var recipient = PrivateKey.Generate().Address;
        JsonElement first;
        using (var up = TestbedProcess.Up(_directory, "--shards", "10", "--epoch-duration", "1h"))
        {
            first = await up.WaitUntilUpAsync(_directory, UpTimeout);
            var (chain, rpc) = await ConnectAsync(_directory);
            using (rpc)
            {
                using var user = await KeyFile.ReadAsync(Path.Combine(_directory, "wallet.json"));
                await chain.Wal.TransferAsync(user, recipient, 7 * LocalNetwork.Wal);
            }

            await DownAndAssertNothingLeftAsync(up, first);
        }

        var deployment = await File.ReadAllTextAsync(Path.Combine(_directory, "deployment.json"));
        using (var again = TestbedProcess.Up(_directory))
        {
            var second = await again.WaitUntilUpAsync(_directory, UpTimeout);
            Assert.Contains("(resumed)", again.Output, StringComparison.Ordinal);
            Assert.Equal(deployment, await File.ReadAllTextAsync(Path.Combine(_directory, "deployment.json")));
            Assert.Equal(first.GetProperty("rpcUrl").GetString(), second.GetProperty("rpcUrl").GetString());
            Assert.Equal(
                first.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("nodeId").GetUInt32(), n.GetProperty("url").GetString())),
                second.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("nodeId").GetUInt32(), n.GetProperty("url").GetString())));
            var (chain, rpc) = await ConnectAsync(_directory);
            using (rpc)
            {
                Assert.Equal(7 * LocalNetwork.Wal, await chain.Wal.BalanceOfAsync(recipient));
                await AssertNodesAndCommitteeAsync(second, chain, shards: 10);
            }

            foreach (var config in second.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("config").GetString()!))
            {
                Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(config)!, "data"), "*", SearchOption.AllDirectories));
            }

            await DownAndAssertNothingLeftAsync(again, second);
        }
    }

    [Fact]
    public async Task Killing_the_up_process_stops_its_nodes_and_anvil_within_seconds()
    {
        using var up = TestbedProcess.Up(_directory, "--shards", "10", "--epoch-duration", "1h");
        var testbed = await up.WaitUntilUpAsync(_directory, UpTimeout);
        var children = TestbedProcess.ProcessesMentioning(_directory).Where(p => p != up.Pid).ToList();
        Assert.NotEmpty(children);

        up.KillOnlyThisProcess();

        // The watchdogs notice within a second and stop their child; give the nodes time for a clean shutdown.
        await Poll.UntilAsync(() => Task.FromResult(TestbedProcess.ProcessesMentioning(_directory).Count == 0), TimeSpan.FromSeconds(30),
            () => "still running: " + string.Join(", ", TestbedProcess.ProcessesMentioning(_directory)));
        Assert.All(TestbedProcess.Pids(testbed), pid => Assert.False(TestbedProcess.IsAlive(pid), $"pid {pid} is still running"));
        Assert.Contains("nothing was running", await NodeProcess.RunCliAsync("testbed", "down", "--dir", _directory), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Epochs_advance_on_their_own_with_short_epochs()
    {
        using var up = TestbedProcess.Up(_directory, "--shards", "10", "--epoch-duration", "15s");
        var testbed = await up.WaitUntilUpAsync(_directory, UpTimeout);
        var (chain, rpc) = await ConnectAsync(_directory);
        using (rpc)
        {
            await Poll.UntilAsync(async () => (await chain.GetEpochAsync()).Epoch.Value >= 3, TimeSpan.FromMinutes(2),
                () => "the epoch did not reach 3:\n" + up.Output);
            await AssertNodesAndCommitteeAsync(JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, "testbed.json"))).RootElement, chain, shards: 10);
        }

        await DownAndAssertNothingLeftAsync(up, testbed);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A process killed by the safety net may still hold a file for a moment.
        }
    }
}
