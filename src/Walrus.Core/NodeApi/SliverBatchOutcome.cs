using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// What a PUT of many slivers (<see cref="NodeApiRoutes.Slivers"/>) did with its records: stored now, already stored
/// (or sent twice in the request), or buffered until the blob's registration is seen.
/// </summary>
public sealed record SliverBatchOutcome(
    [property: JsonPropertyName("stored")] int Stored,
    [property: JsonPropertyName("alreadyStored")] int AlreadyStored,
    [property: JsonPropertyName("buffered")] int Buffered)
{
    /// <summary>Records the answer accounts for.</summary>
    [JsonIgnore]
    public int Total => Stored + AlreadyStored + Buffered;
}
