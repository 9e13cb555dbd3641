using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>The confirmation endpoints' data: <c>{"signed":{...}}</c>.</summary>
public sealed record StorageConfirmation([property: JsonPropertyName("signed")] SignedMessage Signed);
