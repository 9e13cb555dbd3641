using System.Globalization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// The storage node's HTTP paths (docs/storage-node.md), as ASP.NET route templates for the server and as
/// builders for the client, so the two cannot drift apart. Blob ids are URL-safe base64 without padding, sliver pair
/// indices decimal, sliver types <c>primary</c> or <c>secondary</c>.
/// </summary>
public static class NodeApiRoutes
{
    /// <summary>The default port of a storage node.</summary>
    public const int DefaultPort = 9185;

    /// <summary>OpenAPI document of the node API.</summary>
    public const string Api = "/v1/api";

    /// <summary>Node health, uptime, epoch, shards, event progress (<c>?detailed=true</c> adds per-shard detail).</summary>
    public const string Health = "/v1/health";

    /// <summary>Prometheus metrics (text exposition format).</summary>
    public const string Metrics = "/metrics";

    /// <summary>PUT (BCS BlobMetadata) / GET (BCS BlobMetadataWithId).</summary>
    public const string Metadata = "/v1/blobs/{blobId}/metadata";

    /// <summary>GET: <see cref="StoredOnNodeStatus"/> of the metadata.</summary>
    public const string MetadataStatus = "/v1/blobs/{blobId}/metadata/status";

    /// <summary>PUT / GET a sliver (BCS SliverData).</summary>
    public const string Sliver = "/v1/blobs/{blobId}/slivers/{sliverPairIndex}/{sliverType}";

    /// <summary>
    /// PUT many slivers of one blob in one request: a sequence of <see cref="SliverBatchWire"/> records; answers a
    /// <see cref="SliverBatchOutcome"/>.
    /// </summary>
    public const string Slivers = "/v1/blobs/{blobId}/slivers";

    /// <summary>GET: <see cref="StoredOnNodeStatus"/> of a sliver.</summary>
    public const string SliverStatus = "/v1/blobs/{blobId}/slivers/{sliverPairIndex}/{sliverType}/status";

    /// <summary>GET: a signed confirmation for a permanent blob.</summary>
    public const string PermanentConfirmation = "/v1/blobs/{blobId}/confirmation/permanent";

    /// <summary>GET: a signed confirmation for a deletable blob object.</summary>
    public const string DeletableConfirmation = "/v1/blobs/{blobId}/confirmation/deletable/{objectId}";

    /// <summary>GET: BCS <c>Vec&lt;GeneralRecoverySymbol&gt;</c>.</summary>
    public const string RecoverySymbols = "/v1/blobs/{blobId}/recoverySymbols";

    /// <summary>GET: BCS <c>BTreeMap&lt;u16, Vec&lt;EitherDecodingSymbol&gt;&gt;</c>.</summary>
    public const string DecodingSymbols = "/v1/blobs/{blobId}/decodingSymbols";

    /// <summary>POST a BCS InconsistencyProof; answers a signed InvalidBlob attestation.</summary>
    public const string InconsistencyProof = "/v1/blobs/{blobId}/inconsistencyProof/{sliverType}";

    /// <summary>GET: <see cref="BlobStatus"/>.</summary>
    public const string BlobStatus = "/v1/blobs/{blobId}/status";

    /// <summary>Query flag of PUT metadata/sliver/slivers: buffer before the registration is seen.</summary>
    public const string PendingQuery = "pending";

    /// <summary>Query flag of the confirmation endpoints: wait until the registration is seen.</summary>
    public const string WaitForRegistrationQuery = "wait_for_registration";

    /// <summary>Query value of the confirmation endpoints: how long to wait, in milliseconds.</summary>
    public const string WaitMillisQuery = "wait_millis";

    /// <summary>Recovery-symbol query: a symbol id <c>P-S</c> (repeatable).</summary>
    public const string SymbolIdQuery = "id";

    /// <summary>Recovery-symbol query: the sliver index to recover.</summary>
    public const string TargetSliverQuery = "targetSliver";

    /// <summary>Recovery/decoding-symbol query: the type of the sliver to recover.</summary>
    public const string TargetTypeQuery = "targetType";

    /// <summary>Decoding-symbol query: the sliver indices to recover (repeatable).</summary>
    public const string TargetSliversQuery = "targetSlivers";

    /// <summary>Health query flag for per-shard detail.</summary>
    public const string DetailedQuery = "detailed";

    /// <summary>The URL form of a sliver type.</summary>
    public static string SliverTypeText(SliverType type) => type == SliverType.Primary ? "primary" : "secondary";

    /// <summary>Parses the URL form of a sliver type.</summary>
    public static bool TryParseSliverType(string? text, out SliverType type)
    {
        switch (text)
        {
            case "primary":
                type = SliverType.Primary;
                return true;
            case "secondary":
                type = SliverType.Secondary;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>The path of a blob's metadata.</summary>
    public static string MetadataPath(BlobId blobId) => $"/v1/blobs/{blobId}/metadata";

    /// <summary>The path of a blob's metadata status.</summary>
    public static string MetadataStatusPath(BlobId blobId) => $"/v1/blobs/{blobId}/metadata/status";

    /// <summary>The path of a sliver.</summary>
    public static string SliverPath(BlobId blobId, SliverPairIndex pair, SliverType type) =>
        string.Create(CultureInfo.InvariantCulture, $"/v1/blobs/{blobId}/slivers/{pair.Value}/{SliverTypeText(type)}");

    /// <summary>The path that takes many slivers of a blob in one PUT.</summary>
    public static string SliversPath(BlobId blobId) => $"/v1/blobs/{blobId}/slivers";

    /// <summary>The path of a sliver's status.</summary>
    public static string SliverStatusPath(BlobId blobId, SliverPairIndex pair, SliverType type) => SliverPath(blobId, pair, type) + "/status";

    /// <summary>The path of a permanent blob's confirmation.</summary>
    public static string PermanentConfirmationPath(BlobId blobId) => $"/v1/blobs/{blobId}/confirmation/permanent";

    /// <summary>The path of a deletable blob object's confirmation; the object id is 0x + 64 hex digits.</summary>
    public static string DeletableConfirmationPath(BlobId blobId, string objectIdHex) => $"/v1/blobs/{blobId}/confirmation/deletable/{objectIdHex}";

    /// <summary>The path of the recovery symbols of a blob (add the query).</summary>
    public static string RecoverySymbolsPath(BlobId blobId) => $"/v1/blobs/{blobId}/recoverySymbols";

    /// <summary>The recovery symbols that rebuild one sliver.</summary>
    public static string RecoverySymbolsForTargetPath(BlobId blobId, SliverIndex target, SliverType targetType) =>
        string.Create(CultureInfo.InvariantCulture, $"/v1/blobs/{blobId}/recoverySymbols?{TargetSliverQuery}={target.Value}&{TargetTypeQuery}={SliverTypeText(targetType)}");

    /// <summary>The decoding symbols that rebuild some slivers.</summary>
    public static string DecodingSymbolsPath(BlobId blobId, IEnumerable<SliverIndex> targets, SliverType targetType)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var query = string.Join("&", targets.Select(t => string.Create(CultureInfo.InvariantCulture, $"{TargetSliversQuery}={t.Value}")));
        return $"/v1/blobs/{blobId}/decodingSymbols?{query}&{TargetTypeQuery}={SliverTypeText(targetType)}";
    }

    /// <summary>The path to post an inconsistency proof to.</summary>
    public static string InconsistencyProofPath(BlobId blobId, SliverType targetType) => $"/v1/blobs/{blobId}/inconsistencyProof/{SliverTypeText(targetType)}";

    /// <summary>The path of a blob's status.</summary>
    public static string BlobStatusPath(BlobId blobId) => $"/v1/blobs/{blobId}/status";
}
