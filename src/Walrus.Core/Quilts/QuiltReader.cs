using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;

namespace Walrus.Core.Quilts;

/// <summary>
/// Reads a QuiltV1 from <see cref="QuiltColumns"/>: the index (columns 0..), or a patch from its own columns only. Every
/// length read from the quilt is checked against the columns before anything is allocated; a corrupt quilt gives a
/// <see cref="QuiltErrorKind.CorruptQuilt"/> error, a missing column a <see cref="QuiltErrorKind.MissingColumns"/> error
/// naming the columns to fetch.
/// </summary>
public static class QuiltReader
{
    private const int CopyChunk = 1 << 20;

    /// <summary>
    /// Reads the index. Needs column 0 first; if the index spans more columns, the error lists the ones to fetch.
    /// </summary>
    public static bool TryReadIndex(QuiltColumns columns, [NotNullWhen(true)] out QuiltIndexV1? index, [NotNullWhen(false)] out QuiltError? error)
    {
        ArgumentNullException.ThrowIfNull(columns);
        index = null;
        Span<byte> prefix = stackalloc byte[QuiltLayout.IndexPrefixSize];
        if (!columns.TryRead(0, 0, prefix, out error))
        {
            return false;
        }

        if (prefix[0] != QuiltLayout.Version)
        {
            error = QuiltError.Corrupt($"the quilt version byte is {prefix[0]}, not {QuiltLayout.Version}.");
            return false;
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(prefix[1..]);
        var max = ((long)columns.ColumnSize * QuiltLayout.MaxIndexColumns) - QuiltLayout.IndexPrefixSize;
        if (size > max)
        {
            error = QuiltError.Corrupt($"the index claims {size} bytes; at most {max} fit in {QuiltLayout.MaxIndexColumns} columns.");
            return false;
        }

        var indexColumns = (int)QuiltLayout.ColumnsFor(size + QuiltLayout.IndexPrefixSize, columns.ColumnSize);
        error = columns.CheckColumns(0, indexColumns);
        if (error is not null)
        {
            return false;
        }

        var bcs = ArrayPool<byte>.Shared.Rent((int)size);
        try
        {
            return columns.TryRead(0, QuiltLayout.IndexPrefixSize, bcs.AsSpan(0, (int)size), out error)
                && QuiltIndexV1.TryReadBcs(bcs.AsSpan(0, (int)size), indexColumns, columns.Config.SecondarySourceSymbols, out index, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bcs);
        }
    }

    /// <summary>
    /// Reads a patch's header, identifier and tags from the top of its columns: only the columns these bytes span must be
    /// held (usually the first), so a patch's length and tags are known without its data.
    /// </summary>
    public static bool TryReadPatchHeader(QuiltColumns columns, QuiltPatchInternalId patch, [NotNullWhen(true)] out QuiltPatchHeader? header, [NotNullWhen(false)] out QuiltError? error)
    {
        ArgumentNullException.ThrowIfNull(columns);
        header = null;
        if (patch.StartColumn < 1 || patch.EndColumn <= patch.StartColumn || patch.EndColumn > columns.Config.SecondarySourceSymbols)
        {
            error = QuiltError.Invalid($"A patch's columns are within 1..{columns.Config.SecondarySourceSymbols} and not empty; {patch} are not.");
            return false;
        }

        // Only the columns the header spans are needed (often the first alone): a missing one is named when reached.
        var available = (long)patch.ColumnCount * columns.ColumnSize;
        Span<byte> fixedBytes = stackalloc byte[QuiltLayout.PatchHeaderSize + 2];
        if (!columns.TryRead(patch.StartColumn, 0, fixedBytes, out error))
        {
            return false;
        }

        if (fixedBytes[0] != QuiltLayout.Version)
        {
            error = QuiltError.Corrupt($"the patch at {patch} has header version {fixedBytes[0]}, not {QuiltLayout.Version}.");
            return false;
        }

        var end = QuiltLayout.PatchHeaderSize + (long)BinaryPrimitives.ReadUInt32LittleEndian(fixedBytes[1..]);
        var mask = fixedBytes[5];
        if (end > available)
        {
            error = QuiltError.Corrupt($"the patch at {patch} claims {end} bytes; its columns hold {available}.");
            return false;
        }

        var identifierSize = BinaryPrimitives.ReadUInt16LittleEndian(fixedBytes[6..]);
        long offset = fixedBytes.Length;
        if (!TryReadSection(columns, patch, ref offset, identifierSize, end, "identifier", out var identifierBcs, out error))
        {
            return false;
        }

        var reader = new BcsReader(identifierBcs);
        if (!QuiltBcs.TryReadString(ref reader, ushort.MaxValue, out var identifier) || !reader.TryFinish())
        {
            error = QuiltError.Corrupt($"the patch at {patch} has an unreadable identifier: {reader.Error}");
            return false;
        }

        if (!QuiltIdentifier.TryValidate(identifier, out var why))
        {
            error = QuiltError.Corrupt($"the patch at {patch} has an invalid identifier: {why}");
            return false;
        }

        var tags = QuiltTags.Empty;
        if ((mask & QuiltLayout.HasTagsFlag) != 0)
        {
            Span<byte> sizeBytes = stackalloc byte[2];
            if (offset + 2 > end)
            {
                error = QuiltError.Corrupt($"the patch at {patch} ends before its tags' length.");
                return false;
            }

            if (!columns.TryRead(patch.StartColumn, offset, sizeBytes, out error))
            {
                return false;
            }

            offset += 2;
            if (!TryReadSection(columns, patch, ref offset, BinaryPrimitives.ReadUInt16LittleEndian(sizeBytes), end, "tags", out var tagsBcs, out error))
            {
                return false;
            }

            var tagsReader = new BcsReader(tagsBcs);
            if (!QuiltTags.TryReadBcs(ref tagsReader, out var read) || !tagsReader.TryFinish())
            {
                error = QuiltError.Corrupt($"the patch at {patch} has unreadable tags: {tagsReader.Error}");
                return false;
            }

            tags = read;
        }

        header = new QuiltPatchHeader(patch, identifier, tags, offset, end - offset);
        error = null;
        return true;
    }

    /// <summary>Copies a patch's data into <paramref name="destination"/> (at least <see cref="QuiltPatchHeader.DataLength"/> bytes).</summary>
    public static bool TryCopyPatchData(QuiltColumns columns, QuiltPatchHeader header, Span<byte> destination, [NotNullWhen(false)] out QuiltError? error)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(header);
        if (destination.Length < header.DataLength)
        {
            ThrowHelper.Argument(nameof(destination), $"The patch has {header.DataLength} bytes; the destination holds {destination.Length}.");
        }

        return columns.TryRead(header.InternalId.StartColumn, header.DataOffset, destination[..(int)header.DataLength], out error);
    }

    /// <summary>Writes a patch's data to <paramref name="destination"/> in chunks (for patches of any size).</summary>
    public static bool TryCopyPatchData(QuiltColumns columns, QuiltPatchHeader header, IBufferWriter<byte> destination, [NotNullWhen(false)] out QuiltError? error)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(destination);
        for (long done = 0; done < header.DataLength;)
        {
            var n = (int)Math.Min(CopyChunk, header.DataLength - done);
            if (!columns.TryRead(header.InternalId.StartColumn, header.DataOffset + done, destination.GetSpan(n)[..n], out error))
            {
                return false;
            }

            destination.Advance(n);
            done += n;
        }

        error = null;
        return true;
    }

    /// <summary>Reads a patch (identifier, tags and data) from its columns, e.g. those a <see cref="QuiltPatchId"/> names.</summary>
    public static bool TryReadPatch(QuiltColumns columns, QuiltPatchInternalId patch, [NotNullWhen(true)] out QuiltPatchContent? content, [NotNullWhen(false)] out QuiltError? error)
    {
        content = null;
        if (patch.StartColumn >= 1 && patch.EndColumn > patch.StartColumn && patch.EndColumn <= columns.Config.SecondarySourceSymbols)
        {
            // Name every missing column at once, so a reader fetches them together.
            error = columns.CheckColumns(patch.StartColumn, patch.EndColumn);
            if (error is not null)
            {
                return false;
            }
        }

        if (!TryReadPatchHeader(columns, patch, out var header, out error))
        {
            return false;
        }

        if (header.DataLength > Array.MaxLength)
        {
            error = QuiltError.Invalid($"The patch has {header.DataLength} bytes, more than an array holds; copy it with TryCopyPatchData.");
            return false;
        }

        var data = new byte[header.DataLength];
        if (!TryCopyPatchData(columns, header, data, out error))
        {
            return false;
        }

        content = new QuiltPatchContent(header, data);
        return true;
    }

    /// <summary>Reads the patch named <paramref name="identifier"/> in <paramref name="index"/>; its stored identifier must match.</summary>
    public static bool TryReadPatch(QuiltColumns columns, QuiltIndexV1 index, string identifier, [NotNullWhen(true)] out QuiltPatchContent? content, [NotNullWhen(false)] out QuiltError? error)
    {
        ArgumentNullException.ThrowIfNull(index);
        content = null;
        if (!index.TryGetPatch(identifier, out var patch))
        {
            error = new QuiltError(QuiltErrorKind.NotFound, $"The quilt has no patch '{identifier}'.");
            return false;
        }

        if (!TryReadPatch(columns, patch.InternalId, out content, out error))
        {
            return false;
        }

        if (!string.Equals(content.Identifier, identifier, StringComparison.Ordinal))
        {
            error = QuiltError.Corrupt($"the index puts '{identifier}' at {patch.InternalId}, but the patch there is '{content.Identifier}'.");
            content = null;
            return false;
        }

        return true;
    }

    private static bool TryReadSection(QuiltColumns columns, QuiltPatchInternalId patch, ref long offset, int size, long end, string what, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out QuiltError? error)
    {
        bytes = null;
        if (offset + size > end)
        {
            error = QuiltError.Corrupt($"the patch at {patch} claims a {size}-byte {what} past its end ({end} bytes).");
            return false;
        }

        bytes = new byte[size];
        if (!columns.TryRead(patch.StartColumn, offset, bytes, out error))
        {
            bytes = null;
            return false;
        }

        offset += size;
        return true;
    }
}
