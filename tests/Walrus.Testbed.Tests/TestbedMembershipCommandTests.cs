using System.Text.Json;
using Walrus.TestKit.Cluster;

namespace Walrus.Testbed.Tests;

/// <summary>
/// <c>walrus testbed add-node</c>, <c>remove-node</c> and <c>stake</c> from another shell against a running <c>testbed up</c>
/// process (real processes, real anvil, short epochs), and their errors.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TestbedMembershipCommandTests : IDisposable
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(8);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "walrus-testbed-" + Guid.NewGuid().ToString("N"));

    private static async Task<(int ExitCode, string Output, string Error)> WalrusAsync(TimeSpan timeout, params string[] arguments) =>
        await WalrusCli.RunAsync(arguments, timeout: timeout);

    private async Task<JsonElement> ReadTestbedAsync()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, "testbed.json")));
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Membership_commands_say_clearly_when_there_is_no_testbed_an_unknown_node_or_it_is_not_running()
    {
        var limit = TimeSpan.FromMinutes(1);
        var none = await WalrusAsync(limit, "testbed", "add-node", "--dir", _directory);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no testbed in", none.Error, StringComparison.Ordinal);
        Assert.Contains("testbed up --dir", none.Error, StringComparison.Ordinal);

        // A stopped testbed's file, as `up` leaves it: no pids, no control socket.
        Directory.CreateDirectory(_directory);
        var stopped = new TestbedFiles.State("http://127.0.0.1:1", 1, null, null, Path.Combine(_directory, "deployment.json"), null,
            [new TestbedFiles.NodeEntry("node-0", 1, "http://127.0.0.1:2", 2, null, [0, 1], false, Path.Combine(_directory, "nodes", "node-0", "node-config.json"))]);
        await File.WriteAllTextAsync(Path.Combine(_directory, "testbed.json"), TestbedFiles.FormatState(stopped));

        var unknown = await WalrusAsync(limit, "testbed", "remove-node", "--dir", _directory, "--node", "node-9");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown node 'node-9'", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("node-0", unknown.Error, StringComparison.Ordinal);

        foreach (var arguments in new[] { new[] { "add-node" }, ["remove-node", "--node", "node-0"], ["stake", "--node", "node-0", "--wal", "5"] })
        {
            var down = await WalrusAsync(limit, ["testbed", .. arguments, "--dir", _directory]);
            Assert.Equal(1, down.ExitCode);
            Assert.Contains("is not running", down.Error, StringComparison.Ordinal);
            Assert.Equal("", down.Output);
        }

        // A live pid that is not serving the socket testbed.json names (say, a stale file after a crash and a reused pid).
        var stale = stopped with { Pid = Environment.ProcessId, Control = Path.Combine(_directory, "control.sock") };
        await File.WriteAllTextAsync(Path.Combine(_directory, "testbed.json"), TestbedFiles.FormatState(stale));
        var noSocket = await WalrusAsync(limit, "testbed", "add-node", "--dir", _directory);
        Assert.Equal(1, noSocket.ExitCode);
        Assert.Contains("is not running", noSocket.Error, StringComparison.Ordinal);

        var badStake = await WalrusAsync(limit, "testbed", "stake", "--dir", _directory, "--node", "node-0", "--wal", "0");
        Assert.Equal(2, badStake.ExitCode);
        Assert.Contains("--wal must be at least 1", badStake.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Add_node_from_another_shell_gets_shards_a_blob_stored_before_reads_back_and_after_node_deregister_remove_node_hands_them_over()
    {
        using var up = TestbedProcess.Up(_directory, "--shards", "10", "--epoch-duration", "20s", "--no-gateway");
        var before = await up.WaitUntilUpAsync(_directory, UpTimeout);
        Assert.Equal(4, before.GetProperty("nodes").GetArrayLength());
        Assert.True(File.Exists(before.GetProperty("control").GetString()), "testbed.json names the control socket");
        var config = Path.Combine(_directory, "client.json");
        var limit = TimeSpan.FromMinutes(10);

        var data = new byte[1024 * 1024 + 17];
        new Random(14).NextBytes(data);
        var input = Path.Combine(_directory, "blob.bin");
        await File.WriteAllBytesAsync(input, data);
        var stored = await WalrusAsync(limit, "store", input, "--epochs", "20", "--json", "--config", config);
        Assert.True(stored.ExitCode == 0, stored.Error);
        string blobId;
        using (var document = JsonDocument.Parse(stored.Output))
        {
            blobId = document.RootElement[0].GetProperty("blobId").GetString()!;
        }

        // A node joins from another shell; --wait returns once the epoch change that gives it shards is done.
        var added = await WalrusAsync(limit, "testbed", "add-node", "--dir", _directory, "--wait");
        Assert.True(added.ExitCode == 0, added.Output + added.Error + "\n" + up.Output);
        Assert.Contains("node-4 registered", added.Output, StringComparison.Ordinal);
        var withNew = await ReadTestbedAsync();
        var newNode = withNew.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "node-4");
        Assert.NotEmpty(newNode.GetProperty("shards").EnumerateArray());
        Assert.True(TestbedProcess.IsAlive(newNode.GetProperty("pid").GetInt32()));
        Assert.Equal(10, withNew.GetProperty("nodes").EnumerateArray().Sum(n => n.GetProperty("shards").GetArrayLength()));

        await AssertReadsBackAsync(blobId, data, config, limit);

        // Once the change is done, the committee's health adds up to every shard owned and none moving.
        await Poll.UntilAsync(async () =>
        {
            var health = await WalrusAsync(limit, "health", "--committee", "--json", "--config", config);
            using var document = JsonDocument.Parse(health.Output);
            var summary = document.RootElement.GetProperty("summary");
            return health.ExitCode == 0 && summary.GetProperty("shards").GetProperty("owned").GetInt32() == 10
                && summary.GetProperty("unreachable").GetInt32() == 0 && summary.GetProperty("nodes").GetInt32() == 5;
        }, TimeSpan.FromMinutes(2), () => "health --committee did not show 10 owned shards on 5 nodes");
        var text = await WalrusAsync(limit, "health", "--committee", "--config", config);
        Assert.Contains("shards owned", text.Output, StringComparison.Ordinal);

        // Its operator leaves with `node deregister` (which asks first unless --yes); remove-node then waits for the
        // hand-over at the epoch change and stops the process.
        var nodeConfig = newNode.GetProperty("config").GetString()!;
        var unconfirmed = await WalrusAsync(limit, "node", "deregister", "--config", nodeConfig);
        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.Contains("pass --yes", unconfirmed.Error, StringComparison.Ordinal);
        var deregistered = await WalrusAsync(limit, "node", "deregister", "--config", nodeConfig, "--yes");
        Assert.True(deregistered.ExitCode == 0, deregistered.Output + deregistered.Error);
        Assert.Contains("deregistered", deregistered.Output, StringComparison.Ordinal);
        Assert.Contains("keep the node running", deregistered.Output, StringComparison.Ordinal);
        Assert.Contains("request-withdraw-stake --node-id", deregistered.Output, StringComparison.Ordinal);

        var removed = await WalrusAsync(limit, "testbed", "remove-node", "--dir", _directory, "--node", "node-4");
        Assert.True(removed.ExitCode == 0, removed.Output + removed.Error + "\n" + up.Output);
        Assert.Contains("already deregistered", removed.Output, StringComparison.Ordinal);
        Assert.Contains("node-4 removed", removed.Output, StringComparison.Ordinal);
        var after = await ReadTestbedAsync();
        Assert.DoesNotContain(after.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("name").GetString() == "node-4");
        Assert.Equal(10, after.GetProperty("nodes").EnumerateArray().Sum(n => n.GetProperty("shards").GetArrayLength()));
        Assert.False(TestbedProcess.IsAlive(newNode.GetProperty("pid").GetInt32()), "the removed node's process still runs");

        await AssertReadsBackAsync(blobId, data, config, limit);

        var pids = TestbedProcess.Pids(after);
        var down = await WalrusAsync(limit, "testbed", "down", "--dir", _directory);
        Assert.Equal(0, down.ExitCode);
        await up.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.All(pids, pid => Assert.False(TestbedProcess.IsAlive(pid), $"pid {pid} is still running"));
        Assert.Empty(TestbedProcess.ProcessesMentioning(_directory));
    }

    private async Task AssertReadsBackAsync(string blobId, byte[] data, string config, TimeSpan limit)
    {
        var output = Path.Combine(_directory, "read-" + Guid.NewGuid().ToString("N") + ".bin");
        var read = await WalrusAsync(limit, "read", blobId, "--out", output, "--config", config);
        Assert.True(read.ExitCode == 0, read.Error);
        Assert.Equal(data, await File.ReadAllBytesAsync(output));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Never created, or a process killed by the safety net still holds a file for a moment.
        }
    }
}
