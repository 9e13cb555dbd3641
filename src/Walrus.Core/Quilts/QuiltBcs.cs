using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;
using Walrus.Core.Bcs;

namespace Walrus.Core.Quilts;

/// <summary>BCS strings for quilts: ULEB128 length and UTF-8, read strictly (valid UTF-8, bounded length).</summary>
internal static class QuiltBcs
{
    private static readonly System.Text.UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The size of the BCS form of a string of <paramref name="utf8Length"/> bytes.</summary>
    public static int StringSize(int utf8Length) => UlebSize((uint)utf8Length) + utf8Length;

    public static int UlebSize(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>The UTF-8 bytes of a string, refusing unpaired surrogates.</summary>
    public static bool TryGetUtf8(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        try
        {
            bytes = Utf8Strict.GetBytes(text);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            bytes = null;
            return false;
        }
    }

    /// <summary>Reads a string of at most <paramref name="maxBytes"/> bytes of valid UTF-8.</summary>
    public static bool TryReadString(ref BcsReader reader, int maxBytes, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (!reader.TryReadBytes(maxBytes, out var bytes))
        {
            return false;
        }

        if (!Utf8.IsValid(bytes))
        {
            return reader.Fail("a string is not valid UTF-8");
        }

        text = System.Text.Encoding.UTF8.GetString(bytes);
        return true;
    }
}
