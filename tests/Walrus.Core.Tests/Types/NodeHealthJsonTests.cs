using System.Text.Json;
using Walrus.Core.NodeApi;

namespace Walrus.Core.Tests.Types;

public sealed class NodeHealthJsonTests
{
    private const string OlderNode = """
        {"success":{"code":200,"data":{"uptime":{"secs":5,"nanos":0},"epoch":3,"publicKey":"0x01","nodeId":2,"nodeStatus":"Active",
        "eventProgress":{"persisted":1,"pending":0,"highestFinishedEventIndex":1},
        "shardSummary":{"owned":2,"ready":1,"inTransfer":1,"inRecovery":0,"recoveryBacklog":0},
        "shardDetail":[{"shard":4,"status":"inTransfer","slivers":7}]}}}
        """;

    [Fact]
    public void Health_from_a_node_without_the_epoch_change_fields_reads_with_none_locked_and_no_progress()
    {
        var health = JsonSerializer.Deserialize(OlderNode, NodeApiJsonContext.Default.ApiSuccessBodyNodeHealth)!.Success.Data;

        Assert.Equal(0, health.ShardSummary.Locked);
        Assert.Null(health.EpochChange);
        Assert.Null(Assert.Single(health.ShardDetail!).Progress);
    }

    [Fact]
    public void Locked_shards_sync_progress_and_the_epoch_change_are_written_under_stable_names()
    {
        var health = JsonSerializer.Deserialize(OlderNode, NodeApiJsonContext.Default.ApiSuccessBodyNodeHealth)!.Success.Data with
        {
            ShardSummary = new ShardSummary(2, 1, 1, 0, 0) { Locked = 3 },
            EpochChange = new EpochChangeProgress(3, 1000, null, 4096, 8192),
            ShardDetail = [new ShardHealth(4, "inTransfer", 7) { Progress = new ShardSyncProgress(9, 2, 5, 4096, 8192) }],
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(health, NodeApiJsonContext.Default.NodeHealth));
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("shardSummary").GetProperty("locked").GetInt32());
        var change = root.GetProperty("epochChange");
        Assert.Equal(JsonValueKind.Null, change.GetProperty("completedAtMs").ValueKind);
        Assert.Equal(4096, change.GetProperty("bytesReceived").GetInt64());
        Assert.Equal(8192, change.GetProperty("bytesTotal").GetInt64());
        var progress = root.GetProperty("shardDetail")[0].GetProperty("progress");
        Assert.Equal(9u, progress.GetProperty("fromNodeId").GetUInt32());
        Assert.Equal(2, progress.GetProperty("blobsDone").GetInt64());
        Assert.Equal(5, progress.GetProperty("blobsTotal").GetInt64());
        Assert.Equal(4096, progress.GetProperty("bytesDone").GetInt64());
        Assert.Equal(8192, progress.GetProperty("bytesTotal").GetInt64());
    }
}
