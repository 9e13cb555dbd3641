using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>Source-generated JSON for every JSON type of the node API (camelCase names are set per property).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ApiErrorBody))]
[JsonSerializable(typeof(ApiSuccessBody<StoredOnNodeStatus>))]
[JsonSerializable(typeof(ApiSuccessBody<string>))]
[JsonSerializable(typeof(ApiSuccessBody<BlobStatus>))]
[JsonSerializable(typeof(ApiSuccessBody<SliverBatchOutcome>))]
[JsonSerializable(typeof(ApiSuccessBody<StorageConfirmation>))]
[JsonSerializable(typeof(ApiSuccessBody<SignedMessage>))]
[JsonSerializable(typeof(ApiSuccessBody<NodeHealth>))]
[JsonSerializable(typeof(EventId))]
[JsonSerializable(typeof(DeletableCounts))]
public sealed partial class NodeApiJsonContext : JsonSerializerContext;
