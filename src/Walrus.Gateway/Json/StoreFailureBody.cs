namespace Walrus.Gateway.Json;

/// <summary>A failed store: the AIP-193 error fields (code, status, message, details) and the <c>BlobStoreResult</c> error fields (blobId, failurePhase, errorMsg) in one <c>error</c> object, so that both kinds of client read it.</summary>
public sealed record StoreFailureBody(StoreFailure Error);
