namespace Walrus.Core;

/// <summary>
/// Decoding of unpadded URL-safe base64 in its canonical form only (the unused low bits of the last character are
/// zero), so that every id has exactly one text form, as Walrus prints and accepts them.
/// </summary>
internal static class CanonicalBase64Url
{
    /// <summary>
    /// Decodes <paramref name="text"/> into exactly <paramref name="destination"/>'s length; false for a wrong length, a
    /// character outside the URL-safe alphabet, or nonzero unused bits.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.Length != ((destination.Length * 8) + 5) / 6)
        {
            return false;
        }

        var accumulator = 0;
        var bits = 0;
        var written = 0;
        foreach (var c in text)
        {
            var value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '-' => 62,
                '_' => 63,
                _ => -1,
            };
            if (value < 0)
            {
                return false;
            }

            accumulator = (accumulator << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                destination[written++] = (byte)(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }

        return accumulator == 0;
    }
}
