using System.Text.Json.Serialization;

namespace Walrus.Gateway.Quilts;

/// <summary>Source-generated JSON of the quilt endpoints: camelCase, nulls left out (as the rest of the gateway).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QuiltStoreResponse))]
[JsonSerializable(typeof(List<QuiltPatchItem>))]
[JsonSerializable(typeof(List<QuiltPatchMetadata>))]
internal sealed partial class QuiltJsonContext : JsonSerializerContext;
