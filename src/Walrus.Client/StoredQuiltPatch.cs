using Walrus.Core.Quilts;

namespace Walrus.Client;

/// <summary>A patch of a stored quilt: its identifier, its id (quilt blob id and columns) and its tags.</summary>
public sealed record StoredQuiltPatch(string Identifier, QuiltPatchId PatchId, QuiltTags Tags);
