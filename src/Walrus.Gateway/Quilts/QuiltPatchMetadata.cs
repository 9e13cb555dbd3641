namespace Walrus.Gateway.Quilts;

/// <summary>An entry of the <c>_metadata</c> field of <c>PUT /v1/quilts</c>: a patch's identifier and tags.</summary>
public sealed record QuiltPatchMetadata(string Identifier, Dictionary<string, string>? Tags);
