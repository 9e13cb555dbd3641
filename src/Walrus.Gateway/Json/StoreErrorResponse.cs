namespace Walrus.Gateway.Json;

/// <summary><c>error</c> of a store: the phase that failed and why.</summary>
public sealed record StoreErrorResponse(string? BlobId, string FailurePhase, string ErrorMsg);
