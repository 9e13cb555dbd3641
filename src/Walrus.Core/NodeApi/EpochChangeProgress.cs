using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// The node's part in the last epoch change: when it saw EpochChangeStart, when all its gained shards were complete (null
/// while not), and the sliver bytes it received from previous owners against the total it expects (null while unknown).
/// </summary>
public sealed record EpochChangeProgress(
    [property: JsonPropertyName("epoch")] uint Epoch,
    [property: JsonPropertyName("startedAtMs")] long StartedAtMs,
    [property: JsonPropertyName("completedAtMs")] long? CompletedAtMs,
    [property: JsonPropertyName("bytesReceived")] long BytesReceived,
    [property: JsonPropertyName("bytesTotal")] long? BytesTotal);
