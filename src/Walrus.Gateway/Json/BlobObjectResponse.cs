namespace Walrus.Gateway.Json;

/// <summary>A blob object (here an ERC-721 token of the BlobRegistry; <c>id</c> is its token id as 0x and 64 hex digits).</summary>
public sealed record BlobObjectResponse(
    string Id,
    uint RegisteredEpoch,
    string BlobId,
    ulong Size,
    string EncodingType,
    uint? CertifiedEpoch,
    StorageResponse Storage,
    bool Deletable);
