namespace Walrus.Core.Quilts;

/// <summary>An entry of a quilt's index: a patch's identifier, tags and columns.</summary>
public sealed class QuiltPatch
{
    public QuiltPatch(string identifier, QuiltTags tags, ushort startColumn, ushort endColumn)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(tags);
        Identifier = identifier;
        Tags = tags;
        StartColumn = startColumn;
        EndColumn = endColumn;
    }

    /// <summary>The identifier (unique in the quilt).</summary>
    public string Identifier { get; }

    /// <summary>The tags (empty when the patch has none).</summary>
    public QuiltTags Tags { get; }

    /// <summary>The first column (secondary sliver index); not on the wire, rebuilt from the previous patch's end.</summary>
    public ushort StartColumn { get; }

    /// <summary>One past the last column.</summary>
    public ushort EndColumn { get; }

    /// <summary>The internal id (columns) of the patch.</summary>
    public QuiltPatchInternalId InternalId => new(StartColumn, EndColumn);

    /// <summary>The patch's id in the stored quilt <paramref name="quiltId"/>.</summary>
    public QuiltPatchId PatchId(BlobId quiltId) => new(quiltId, InternalId);

    public override string ToString() => $"{Identifier} ({InternalId})";
}
