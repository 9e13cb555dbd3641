using System.Globalization;

namespace Walrus.Gateway;

/// <summary>
/// One RFC 7233 byte range of a representation of known length: <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c>.
/// </summary>
public readonly record struct ByteRange(long Start, long Length)
{
    /// <summary>The last byte's offset.</summary>
    public long End => Start + Length - 1;

    /// <summary>The Content-Range value of this range of a representation of <paramref name="size"/> bytes.</summary>
    public string ContentRange(long size) => string.Create(CultureInfo.InvariantCulture, $"bytes {Start}-{End}/{size}");

    /// <summary>
    /// Parses a Range header for a representation of <paramref name="size"/> bytes. Returns <see cref="ByteRangeRequest.Whole"/>
    /// for no header, a unit other than bytes, or several ranges (which a server may ignore and answer in full);
    /// <see cref="ByteRangeRequest.Unsatisfiable"/> for a malformed byte range or one outside the representation.
    /// </summary>
    public static ByteRangeRequest Parse(string? header, long size, out ByteRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(header))
        {
            return ByteRangeRequest.Whole;
        }

        var text = header.AsSpan().Trim();
        const string Unit = "bytes=";
        if (!text.StartsWith(Unit, StringComparison.OrdinalIgnoreCase))
        {
            return ByteRangeRequest.Whole;
        }

        text = text[Unit.Length..].Trim();
        if (text.Contains(','))
        {
            return ByteRangeRequest.Whole;
        }

        var dash = text.IndexOf('-');
        if (dash < 0)
        {
            return ByteRangeRequest.Unsatisfiable;
        }

        var first = text[..dash].Trim();
        var last = text[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            // bytes=-n: the last n bytes.
            if (!TryParseOffset(last, out var suffix) || suffix == 0 || size == 0)
            {
                return ByteRangeRequest.Unsatisfiable;
            }

            var length = Math.Min(suffix, size);
            range = new ByteRange(size - length, length);
            return ByteRangeRequest.Partial;
        }

        if (!TryParseOffset(first, out var start) || start >= size)
        {
            return ByteRangeRequest.Unsatisfiable;
        }

        var end = size - 1;
        if (!last.IsEmpty)
        {
            if (!TryParseOffset(last, out var lastByte) || lastByte < start)
            {
                return ByteRangeRequest.Unsatisfiable;
            }

            end = Math.Min(end, lastByte);
        }

        range = new ByteRange(start, end - start + 1);
        return ByteRangeRequest.Partial;
    }

    private static bool TryParseOffset(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 19)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
