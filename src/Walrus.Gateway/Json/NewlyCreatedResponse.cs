namespace Walrus.Gateway.Json;

/// <summary><c>newlyCreated</c>: the blob object, how storage was obtained, and the FROST paid.</summary>
public sealed record NewlyCreatedResponse(BlobObjectResponse BlobObject, ResourceOperationResponse ResourceOperation, ulong Cost, string? SharedBlobObject = null);
