using System.Diagnostics.CodeAnalysis;

namespace Walrus.Core.Quilts;

/// <summary>
/// Walrus's rules for a patch identifier: 1 to 65531 bytes of UTF-8 (so its BCS form stays below 65535 bytes), no
/// trailing whitespace and no control characters (Unicode Cc: U+0000-U+001F, U+007F-U+009F). Any first character is
/// allowed (Walrus accepts "_a", "-a", ".a").
/// </summary>
public static class QuiltIdentifier
{
    /// <summary>Whether <paramref name="identifier"/> is a valid patch identifier, and if not, why.</summary>
    public static bool TryValidate(string? identifier, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(identifier))
        {
            error = "A quilt patch identifier cannot be empty.";
            return false;
        }

        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (char.IsHighSurrogate(c) && i + 1 < identifier.Length && char.IsLowSurrogate(identifier[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                error = $"The quilt patch identifier has an unpaired surrogate at position {i}; it must be valid Unicode.";
                return false;
            }

            if (char.IsControl(c))
            {
                error = $"The quilt patch identifier contains the control character U+{(int)c:X4} at position {i}.";
                return false;
            }
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(identifier);
        if (bytes > QuiltLayout.MaxIdentifierBytes)
        {
            error = $"The quilt patch identifier is {bytes} bytes of UTF-8; at most {QuiltLayout.MaxIdentifierBytes} are allowed.";
            return false;
        }

        if (char.IsWhiteSpace(identifier[^1]))
        {
            error = "The quilt patch identifier ends with whitespace.";
            return false;
        }

        error = null;
        return true;
    }
}
