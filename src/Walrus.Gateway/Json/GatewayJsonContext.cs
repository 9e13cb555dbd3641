using System.Text.Json.Serialization;

namespace Walrus.Gateway.Json;

/// <summary>Source-generated JSON of the gateway's answers: camelCase, nulls left out (as Walrus's daemon).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BlobStoreResponse))]
[JsonSerializable(typeof(StoreFailureBody))]
[JsonSerializable(typeof(GatewayStatus))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
