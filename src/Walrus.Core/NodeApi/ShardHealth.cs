using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>One owned shard: its index, state (<c>ready</c>, <c>inRecovery</c>, <c>inTransfer</c>) and stored sliver count.</summary>
public sealed record ShardHealth(
    [property: JsonPropertyName("shard")] ushort Shard,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("slivers")] long Slivers);
