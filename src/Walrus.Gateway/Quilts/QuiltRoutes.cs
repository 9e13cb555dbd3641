namespace Walrus.Gateway.Quilts;

/// <summary>The quilt paths and fields of Walrus's publisher and aggregator API.</summary>
public static class QuiltRoutes
{
    public const string Quilts = "/v1/quilts";
    public const string ByPatchId = "/v1/blobs/by-quilt-patch-id/{patchId}";
    public const string ByQuiltIdAndIdentifier = "/v1/blobs/by-quilt-id/{quiltId}/{**identifier}";
    public const string Patches = "/v1/quilts/{quiltId}/patches";

    /// <summary>The multipart field holding the JSON array of <c>{identifier, tags}</c>.</summary>
    public const string MetadataField = "_metadata";

    /// <summary>The query field naming the quilt format (only <c>V1</c>).</summary>
    public const string QuiltVersion = "quilt_version";

    /// <summary>The response header carrying a patch's identifier.</summary>
    public const string PatchIdentifierHeader = "X-Quilt-Patch-Identifier";

    /// <summary>The reason of a patch that does not exist.</summary>
    public const string PatchNotFound = "QUILT_PATCH_NOT_FOUND";

    /// <summary>The path of a patch by its id.</summary>
    public static string ByPatchIdPath(Walrus.Core.Quilts.QuiltPatchId patchId) => "/v1/blobs/by-quilt-patch-id/" + patchId;

    /// <summary>The path of a patch by its quilt and identifier (the identifier escaped).</summary>
    public static string ByQuiltIdPath(Walrus.Core.BlobId quiltId, string identifier) =>
        "/v1/blobs/by-quilt-id/" + quiltId + "/" + Uri.EscapeDataString(identifier);

    /// <summary>The path of a quilt's patch list.</summary>
    public static string PatchesPath(Walrus.Core.BlobId quiltId) => "/v1/quilts/" + quiltId + "/patches";
}
