namespace Walrus.Gateway.Quilts;

/// <summary>The quilt paths and fields of Walrus's publisher and aggregator API.</summary>
public static class QuiltRoutes
{
    public const string Quilts = "/v1/quilts";
    public const string ByPatchId = "/v1/blobs/by-quilt-patch-id/{patchId}";
    public const string ByQuiltIdAndIdentifier = "/v1/blobs/by-quilt-id/{quiltId}/{**identifier}";
    public const string Patches = "/v1/quilts/{quiltId}/patches";

    /// <summary>Beyond Walrus: several patches of a quilt in one <c>multipart/mixed</c> answer.</summary>
    public const string PatchesContent = "/v1/quilts/{quiltId}/patches-content";

    /// <summary>The repeatable query field naming a patch by identifier (patches-content).</summary>
    public const string IdentifierQuery = "identifier";

    /// <summary>The repeatable query field naming a patch by id (patches-content).</summary>
    public const string PatchIdQuery = "quilt_patch_id";

    /// <summary>The most patches one patches-content request may name.</summary>
    public const int MaxPatchesPerRequest = 100;

    /// <summary>The response header (in each part of patches-content) carrying a patch's id.</summary>
    public const string PatchIdHeader = "X-Quilt-Patch-Id";

    /// <summary>The reason of a patches-content request naming more than <see cref="MaxPatchesPerRequest"/> patches.</summary>
    public const string TooManyPatches = "TOO_MANY_QUILT_PATCHES";

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

    /// <summary>The path of several patches of a quilt by identifier (escaped).</summary>
    public static string PatchesContentPath(Walrus.Core.BlobId quiltId, IEnumerable<string> identifiers) =>
        "/v1/quilts/" + quiltId + "/patches-content?" + string.Join("&", identifiers.Select(i => IdentifierQuery + "=" + Uri.EscapeDataString(i)));

    /// <summary>The path of several patches of a quilt by patch id.</summary>
    public static string PatchesContentPath(Walrus.Core.BlobId quiltId, IEnumerable<Walrus.Core.Quilts.QuiltPatchId> patchIds) =>
        "/v1/quilts/" + quiltId + "/patches-content?" + string.Join("&", patchIds.Select(p => PatchIdQuery + "=" + p));

    /// <summary>The path of a quilt's patch list.</summary>
    public static string PatchesPath(Walrus.Core.BlobId quiltId) => "/v1/quilts/" + quiltId + "/patches";
}
