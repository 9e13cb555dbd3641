using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// The chain event that set a blob's status. Walrus uses Sui's <c>{txDigest, eventSeq}</c>; on an EVM chain
/// <see cref="TxDigest"/> is the transaction hash (0x + 64 hex digits) and <see cref="EventSeq"/> the log index in its block.
/// </summary>
public sealed record EventId(
    [property: JsonPropertyName("txDigest")] string TxDigest,
    [property: JsonPropertyName("eventSeq")] ulong EventSeq);
