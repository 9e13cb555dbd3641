using System.Buffers.Binary;
using Walrus.Core.Encoding;

namespace Walrus.Core.Quilts;

/// <summary>
/// Where a patch lies in its quilt: columns [<see cref="StartColumn"/>, <see cref="EndColumn"/>). Five bytes on the
/// wire: the version byte 0x01, then the start and end columns as u16 LE. Columns are secondary sliver indices.
/// </summary>
public readonly record struct QuiltPatchInternalId(ushort StartColumn, ushort EndColumn)
{
    /// <summary>The length of the bytes form.</summary>
    public const int Length = 5;

    /// <summary>The number of columns.</summary>
    public int ColumnCount => Math.Max(EndColumn - StartColumn, 0);

    /// <summary>Writes the five bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            ThrowHelper.Argument(nameof(destination), $"An internal patch id needs {Length} bytes.");
        }

        destination[0] = QuiltLayout.Version;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], StartColumn);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[3..], EndColumn);
    }

    /// <summary>The five bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Reads exactly five bytes with the version byte 0x01 (the columns are checked against a quilt when reading it).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out QuiltPatchInternalId id)
    {
        id = default;
        if (bytes.Length != Length || bytes[0] != QuiltLayout.Version)
        {
            return false;
        }

        id = new QuiltPatchInternalId(BinaryPrimitives.ReadUInt16LittleEndian(bytes[1..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[3..]));
        return true;
    }

    /// <summary>The secondary sliver indices (columns) that hold the patch: what a reader fetches.</summary>
    public SliverIndex[] SecondarySliverIndices()
    {
        var indices = new SliverIndex[ColumnCount];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = new SliverIndex((ushort)(StartColumn + i));
        }

        return indices;
    }

    /// <summary>The sliver pairs (n - 1 - column) whose secondary slivers hold the patch, in column order.</summary>
    public SliverPairIndex[] SliverPairIndices(EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var pairs = new SliverPairIndex[ColumnCount];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = new SliverIndex((ushort)(StartColumn + i)).ToPairIndex(SliverType.Secondary, config.ShardCount);
        }

        return pairs;
    }

    public override string ToString() => $"columns {StartColumn}..{EndColumn}";
}
