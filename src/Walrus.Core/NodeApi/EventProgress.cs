using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// Event processing: events handled and persisted, the chain's head lag (blocks) and the block of the last handled event
/// (Walrus's <c>highestFinishedEventIndex</c>).
/// </summary>
public sealed record EventProgress(
    [property: JsonPropertyName("persisted")] ulong Persisted,
    [property: JsonPropertyName("pending")] ulong Pending,
    [property: JsonPropertyName("highestFinishedEventIndex")] ulong HighestFinishedEventIndex);
