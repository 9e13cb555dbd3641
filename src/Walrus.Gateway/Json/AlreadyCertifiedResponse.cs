namespace Walrus.Gateway.Json;

/// <summary><c>alreadyCertified</c>: nothing was stored or paid; <c>object</c> (or <c>event</c>) names the certified blob.</summary>
public sealed record AlreadyCertifiedResponse(string BlobId, EventIdResponse? Event, string? Object, uint EndEpoch);
