namespace Walrus.Core.NodeApi;

/// <summary>
/// The stable, machine-readable reasons of the node API's errors (<c>details[0].reason</c> of the AIP-193 body), each with
/// its HTTP status. A reason, once published, keeps its name and status.
/// </summary>
public static class NodeErrorReason
{
    /// <summary>The node knows no registration of the blob id (404).</summary>
    public const string BlobNotFound = "BLOB_NOT_FOUND";

    /// <summary>The blob is known but not registered for the current epoch (expired, deleted) (404).</summary>
    public const string BlobNotRegistered = "BLOB_NOT_REGISTERED";

    /// <summary>The metadata is not stored on this node (404).</summary>
    public const string MetadataNotFound = "METADATA_NOT_FOUND";

    /// <summary>The sliver is not stored on this node (404).</summary>
    public const string SliverNotFound = "SLIVER_NOT_FOUND";

    /// <summary>The deletable blob object is not known (404).</summary>
    public const string BlobObjectNotFound = "BLOB_OBJECT_NOT_FOUND";

    /// <summary>The blob id was marked invalid on chain (410).</summary>
    public const string BlobInvalid = "BLOB_INVALID";

    /// <summary>The sliver pair's shard is not assigned to this node in the current epoch (421).</summary>
    public const string ShardNotAssigned = "SHARD_NOT_ASSIGNED";

    /// <summary>The sliver does not match the metadata, or has the wrong size or index (400).</summary>
    public const string InvalidSliver = "INVALID_SLIVER";

    /// <summary>The metadata does not verify against the blob id (400).</summary>
    public const string InvalidMetadata = "INVALID_METADATA";

    /// <summary>A path or query value is malformed (400).</summary>
    public const string MalformedRequest = "MALFORMED_REQUEST";

    /// <summary>A body is not valid BCS of the expected type (400).</summary>
    public const string MalformedBody = "MALFORMED_BODY";

    /// <summary>The blob id in the path is not 43 characters of URL-safe base64 (400).</summary>
    public const string InvalidBlobId = "INVALID_BLOB_ID";

    /// <summary>A sliver, pair or symbol index is not below the shard count (400).</summary>
    public const string IndexOutOfRange = "INDEX_OUT_OF_RANGE";

    /// <summary>The persistence in the request does not match the registration (400).</summary>
    public const string InvalidBlobPersistence = "INVALID_BLOB_PERSISTENCE";

    /// <summary>The inconsistency proof does not hold (400).</summary>
    public const string InvalidInconsistencyProof = "INVALID_INCONSISTENCY_PROOF";

    /// <summary>The node does not yet hold every sliver pair of its shards for the blob (409).</summary>
    public const string NotFullyStored = "NOT_FULLY_STORED";

    /// <summary>The body exceeds the largest valid body of the endpoint (413).</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>The endpoint's concurrency limit or the pending-upload buffer is full; retry later (503).</summary>
    public const string BlobUnavailable = "BLOB_UNAVAILABLE";

    /// <summary>The node has no committee or epoch yet (503).</summary>
    public const string NodeNotReady = "NODE_NOT_READY";

    /// <summary>No endpoint has this method and path (404).</summary>
    public const string UnknownEndpoint = "UNKNOWN_ENDPOINT";

    /// <summary>An unexpected failure; the message carries only a trace id (500).</summary>
    public const string Internal = "INTERNAL";

    /// <summary>Every reason, for documentation and tests.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        BlobNotFound, BlobNotRegistered, MetadataNotFound, SliverNotFound, BlobObjectNotFound, BlobInvalid, ShardNotAssigned,
        InvalidSliver, InvalidMetadata, MalformedRequest, MalformedBody, InvalidBlobId, IndexOutOfRange, InvalidBlobPersistence,
        InvalidInconsistencyProof, NotFullyStored, PayloadTooLarge, BlobUnavailable, NodeNotReady, UnknownEndpoint, Internal,
    ];

    /// <summary>The HTTP status code of a reason (500 for an unknown one).</summary>
    public static int HttpStatus(string reason) => reason switch
    {
        BlobNotFound or BlobNotRegistered or MetadataNotFound or SliverNotFound or BlobObjectNotFound or UnknownEndpoint => 404,
        BlobInvalid => 410,
        ShardNotAssigned => 421,
        InvalidSliver or InvalidMetadata or MalformedRequest or MalformedBody or InvalidBlobId or IndexOutOfRange
            or InvalidBlobPersistence or InvalidInconsistencyProof => 400,
        NotFullyStored => 409,
        PayloadTooLarge => 413,
        BlobUnavailable or NodeNotReady => 503,
        _ => 500,
    };

    /// <summary>The google.rpc status name (AIP-193 <c>status</c>) of an HTTP code.</summary>
    public static string StatusName(int httpStatus) => httpStatus switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "FAILED_PRECONDITION",
        410 => "NOT_FOUND",
        413 => "OUT_OF_RANGE",
        421 => "FAILED_PRECONDITION",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    };
}
