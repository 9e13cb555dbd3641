using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>The inner object of a JSON success: the HTTP code and the data.</summary>
public sealed record ApiSuccess<T>(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("data")] T Data);
