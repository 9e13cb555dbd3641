namespace Walrus.Gateway;

/// <summary>The stable reasons of the gateway's AIP-193 errors (Walrus's daemon reasons), each with its usual HTTP status.</summary>
public static class GatewayErrorReason
{
    /// <summary>The error domain of the publisher and aggregator.</summary>
    public const string Domain = "daemon.walrus.space";

    public const string BlobNotFound = "BLOB_NOT_FOUND";
    public const string BlobUnavailable = "BLOB_UNAVAILABLE";
    public const string ForbiddenBlob = "FORBIDDEN_BLOB";
    public const string BlobTooLarge = "BLOB_TOO_LARGE";
    public const string InvalidByteRange = "INVALID_BYTE_RANGE";
    public const string InsufficientConfirmations = "INSUFFICIENT_CONFIRMATIONS";
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string InvalidBlobPersistence = "INVALID_BLOB_PERSISTENCE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string UnknownEndpoint = "UNKNOWN_ENDPOINT";
    public const string StoreFailed = "STORE_FAILED";
    public const string Internal = "INTERNAL";

    /// <summary>The usual HTTP status of a reason.</summary>
    public static int HttpStatus(string reason) => reason switch
    {
        BlobNotFound or UnknownEndpoint => 404,
        BlobUnavailable => 503,
        ForbiddenBlob => 451,
        BlobTooLarge => 403,
        InvalidByteRange => 416,
        InsufficientConfirmations => 504,
        MalformedRequest or InvalidBlobPersistence => 400,
        PayloadTooLarge => 413,
        Unauthorized => 401,
        StoreFailed => 502,
        _ => 500,
    };

    /// <summary>The google.rpc status name of an HTTP status.</summary>
    public static string StatusName(int httpStatus) => httpStatus switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        402 => "FAILED_PRECONDITION",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        413 or 416 => "OUT_OF_RANGE",
        429 => "RESOURCE_EXHAUSTED",
        451 => "PERMISSION_DENIED",
        502 or 503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    };
}
