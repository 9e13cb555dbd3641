using Walrus.Gateway.Json;

namespace Walrus.Gateway.Quilts;

/// <summary>The answer of <c>PUT /v1/quilts</c>: the quilt blob's <c>BlobStoreResult</c> and every patch's id.</summary>
public sealed record QuiltStoreResponse(BlobStoreResponse BlobStoreResult, IReadOnlyList<StoredQuiltBlobResponse> StoredQuiltBlobs);
