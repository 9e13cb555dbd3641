using Walrus.Core.Quilts;

namespace Walrus.Client;

/// <summary>What a patch's header says, read without its data: its id, identifier, tags and data length in bytes.</summary>
public sealed record QuiltPatchInfo(QuiltPatchId PatchId, string Identifier, QuiltTags Tags, long Length);
