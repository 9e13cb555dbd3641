namespace Walrus.Gateway;

/// <summary>The gateway's paths and query parameter names (Walrus's HTTP API), shared by the server, the OpenAPI document and tests.</summary>
public static class GatewayRoutes
{
    public const string Blobs = "/v1/blobs";
    public const string Blob = "/v1/blobs/{blobId}";
    public const string BlobByteRange = "/v1/blobs/{blobId}/byte-range";
    public const string BlobByObjectId = "/v1/blobs/by-object-id/{objectId}";
    public const string Status = "/status";
    public const string Api = "/v1/api";
    public const string Metrics = "/metrics";

    public const string StrictConsistencyCheck = "strict_consistency_check";
    public const string SkipConsistencyCheck = "skip_consistency_check";
    public const string Start = "start";
    public const string Length = "length";

    public const string Epochs = "epochs";
    public const string Permanent = "permanent";
    public const string Deletable = "deletable";
    public const string Force = "force";
    public const string ReuseResources = "reuse_resources";
    public const string EncodingType = "encoding_type";
    public const string SendObjectTo = "send_object_to";
    public const string Share = "share";

    /// <summary>The query fields PUT /v1/blobs accepts; any other answers 400 (Walrus's deny_unknown_fields).</summary>
    public static IReadOnlySet<string> PublisherQueryFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Epochs, Permanent, Deletable, Force, ReuseResources, EncodingType, SendObjectTo, Share,
    };

    /// <summary>The path of a blob.</summary>
    public static string BlobPath(Walrus.Core.BlobId blobId) => "/v1/blobs/" + blobId;
}
