using Walrus.Core.Quilts;

namespace Walrus.Client;

/// <summary>A patch read back from a quilt: its id, identifier, tags and data.</summary>
public sealed record QuiltPatchRead(QuiltPatchId PatchId, string Identifier, QuiltTags Tags, byte[] Data);
