using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>An AIP-193 <c>ErrorInfo</c> detail: the stable reason, the domain and string metadata.</summary>
public sealed record ApiErrorDetail(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The detail type tag.</summary>
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "ErrorInfo";
}
