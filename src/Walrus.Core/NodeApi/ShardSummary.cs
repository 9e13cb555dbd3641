using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>Owned shards and how many are ready, in transfer or in recovery; <see cref="RecoveryBacklog"/> counts blobs waiting for recovery.</summary>
public sealed record ShardSummary(
    [property: JsonPropertyName("owned")] int Owned,
    [property: JsonPropertyName("ready")] int Ready,
    [property: JsonPropertyName("inTransfer")] int InTransfer,
    [property: JsonPropertyName("inRecovery")] int InRecovery,
    [property: JsonPropertyName("recoveryBacklog")] int RecoveryBacklog);
