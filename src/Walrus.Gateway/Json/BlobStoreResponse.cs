namespace Walrus.Gateway.Json;

/// <summary>Walrus's <c>BlobStoreResult</c>: exactly one of its members is set (camelCase JSON, nulls left out).</summary>
public sealed record BlobStoreResponse(
    NewlyCreatedResponse? NewlyCreated = null,
    AlreadyCertifiedResponse? AlreadyCertified = null,
    MarkedInvalidResponse? MarkedInvalid = null,
    StoreErrorResponse? Error = null);
