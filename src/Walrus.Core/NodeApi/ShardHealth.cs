using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// One shard the node serves: its index, state (<c>owned</c>, <c>inTransfer</c>, <c>inRecovery</c>, <c>locked</c>), stored
/// sliver count and, while it is being received, <see cref="Progress"/>.
/// </summary>
public sealed record ShardHealth(
    [property: JsonPropertyName("shard")] ushort Shard,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("slivers")] long Slivers)
{
    /// <summary>Blobs and bytes received so far (<c>inTransfer</c> and <c>inRecovery</c> only).</summary>
    [JsonPropertyName("progress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ShardSyncProgress? Progress { get; init; }
}
