using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>The inner object of an AIP-193 error body.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] IReadOnlyList<ApiErrorDetail> Details)
{
    /// <summary>The first detail's reason, if any.</summary>
    [JsonIgnore]
    public string? Reason => Details.Count > 0 ? Details[0].Reason : null;
}
