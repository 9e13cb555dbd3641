namespace Walrus.Gateway.Json;

/// <summary>A chain event: the transaction hash and the log index (Walrus: txDigest, eventSeq).</summary>
public sealed record EventIdResponse(string TxDigest, ulong EventSeq);
