using System.Text.Json.Serialization;

namespace Walrus.Gateway.Quilts;

/// <summary>An entry of <c>GET /v1/quilts/{quiltId}/patches</c>, with Walrus's field names.</summary>
public sealed record QuiltPatchItem(
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("patch_id")] string PatchId,
    [property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string> Tags);
