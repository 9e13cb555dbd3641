namespace Walrus.Gateway.Json;

/// <summary><c>markedInvalid</c>: the blob id is marked invalid on chain.</summary>
public sealed record MarkedInvalidResponse(string BlobId, EventIdResponse? Event);
