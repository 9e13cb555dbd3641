using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// <c>GET /v1/health</c>: uptime, current epoch, the node's signing key (its address), node status, event progress and a
/// shard summary; <see cref="ShardDetail"/> only with <c>?detailed=true</c>.
/// </summary>
public sealed record NodeHealth
{
    /// <summary>Time since the node started.</summary>
    [JsonPropertyName("uptime")]
    public required NodeUptime Uptime { get; init; }

    /// <summary>The epoch the node works in.</summary>
    [JsonPropertyName("epoch")]
    public uint Epoch { get; init; }

    /// <summary>The node's signing address (0x + 40 hex digits), which confirmations recover to.</summary>
    [JsonPropertyName("publicKey")]
    public required string PublicKey { get; init; }

    /// <summary>The node id on chain, 0 when not known.</summary>
    [JsonPropertyName("nodeId")]
    public uint NodeId { get; init; }

    /// <summary><c>Standby</c> (no committee seen yet), <c>Active</c>, <c>RecoveryInProgress</c>.</summary>
    [JsonPropertyName("nodeStatus")]
    public required string NodeStatus { get; init; }

    /// <summary>Chain event processing.</summary>
    [JsonPropertyName("eventProgress")]
    public required EventProgress EventProgress { get; init; }

    /// <summary>Counts of owned shards by state.</summary>
    [JsonPropertyName("shardSummary")]
    public required ShardSummary ShardSummary { get; init; }

    /// <summary>The node's part in the last epoch change it took part in (null before its first).</summary>
    [JsonPropertyName("epochChange")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EpochChangeProgress? EpochChange { get; init; }

    /// <summary>Per-shard detail (with <c>?detailed=true</c>).</summary>
    [JsonPropertyName("shardDetail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ShardHealth>? ShardDetail { get; init; }
}
