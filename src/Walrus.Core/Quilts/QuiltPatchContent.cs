namespace Walrus.Core.Quilts;

/// <summary>A patch read from a quilt: identifier, tags and data.</summary>
public sealed class QuiltPatchContent
{
    internal QuiltPatchContent(QuiltPatchHeader header, byte[] data)
    {
        InternalId = header.InternalId;
        Identifier = header.Identifier;
        Tags = header.Tags;
        Data = data;
    }

    /// <summary>The patch's columns.</summary>
    public QuiltPatchInternalId InternalId { get; }

    /// <summary>The identifier.</summary>
    public string Identifier { get; }

    /// <summary>The tags (empty if none).</summary>
    public QuiltTags Tags { get; }

    /// <summary>The data.</summary>
    public byte[] Data { get; }
}
