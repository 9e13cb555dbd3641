namespace Walrus.Gateway;

/// <summary>JWT bearer auth of the publisher: HS256 tokens signed with a shared secret, with Walrus's claims.</summary>
public sealed record PublisherAuthOptions
{
    /// <summary>The HMAC-SHA256 secret the tokens are signed with (at least 32 bytes).</summary>
    public required byte[] Secret { get; init; }

    /// <summary>Refuse tokens whose <c>exp - iat</c> exceeds this (null: any). Walrus's <c>--jwt-expiring-sec</c>.</summary>
    public TimeSpan? MaxLifetime { get; init; }

    /// <summary>Check that the request's query matches the token's <c>send_object_to</c>, <c>epochs</c> and <c>size</c> claims. Default true.</summary>
    public bool VerifyUploadClaims { get; init; } = true;
}
