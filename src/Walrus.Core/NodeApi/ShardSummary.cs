using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>Owned shards and how many are ready, in transfer or in recovery; <see cref="RecoveryBacklog"/> counts blobs waiting for recovery; <see cref="Locked"/> lost shards still held.</summary>
public sealed record ShardSummary(
    [property: JsonPropertyName("owned")] int Owned,
    [property: JsonPropertyName("ready")] int Ready,
    [property: JsonPropertyName("inTransfer")] int InTransfer,
    [property: JsonPropertyName("inRecovery")] int InRecovery,
    [property: JsonPropertyName("recoveryBacklog")] int RecoveryBacklog)
{
    /// <summary>Shards lost at the last epoch change whose data is still held and served to their new owner.</summary>
    [JsonPropertyName("locked")]
    public int Locked { get; init; }
}
