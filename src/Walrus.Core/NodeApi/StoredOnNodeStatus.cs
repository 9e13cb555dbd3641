using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>Whether a node holds a blob's metadata or a sliver (JSON: <c>"nonexistent"</c>, <c>"buffered"</c>, <c>"stored"</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StoredOnNodeStatus>))]
public enum StoredOnNodeStatus
{
    /// <summary>Not on the node.</summary>
    [JsonStringEnumMemberName("nonexistent")]
    Nonexistent = 0,

    /// <summary>Held in memory as a pending upload until the registration is seen.</summary>
    [JsonStringEnumMemberName("buffered")]
    Buffered = 1,

    /// <summary>Stored durably.</summary>
    [JsonStringEnumMemberName("stored")]
    Stored = 2,
}
