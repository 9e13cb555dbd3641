namespace Walrus.Core.Quilts;

/// <summary>What precedes a patch's data in its columns, read and checked: identifier, tags, and where the data lies.</summary>
public sealed class QuiltPatchHeader
{
    internal QuiltPatchHeader(QuiltPatchInternalId internalId, string identifier, QuiltTags tags, long dataOffset, long dataLength)
    {
        InternalId = internalId;
        Identifier = identifier;
        Tags = tags;
        DataOffset = dataOffset;
        DataLength = dataLength;
    }

    /// <summary>The patch's columns.</summary>
    public QuiltPatchInternalId InternalId { get; }

    /// <summary>The identifier stored with the patch.</summary>
    public string Identifier { get; }

    /// <summary>The tags stored with the patch (empty if none).</summary>
    public QuiltTags Tags { get; }

    /// <summary>Where the data starts, in bytes from the top of the patch's first column (columns read top to bottom).</summary>
    public long DataOffset { get; }

    /// <summary>The data's length.</summary>
    public long DataLength { get; }
}
