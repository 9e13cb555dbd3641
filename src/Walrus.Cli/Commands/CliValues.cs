using System.Globalization;
using System.Numerics;
using Walrus.Core;

namespace Walrus.Cli.Commands;

/// <summary>Parses the values users type: object and token ids (decimal or 0x hex) and blob ids, with one clear message on bad input.</summary>
internal static class CliValues
{
    /// <summary>An object or token id: a decimal number or 0x and hex digits, below 2^256.</summary>
    /// <exception cref="FormatException">Not such a number.</exception>
    public static BigInteger ObjectId(string text, string what = "object id")
    {
        BigInteger value = default;
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? text.Length is > 2 and <= 66 && BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : text.Length is > 0 and <= 78 && text.All(char.IsAsciiDigit) && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok || value.Sign < 0 || value.GetByteCount(isUnsigned: true) > 32)
        {
            throw new FormatException($"'{text}' is not a {what}: give a decimal number or 0x and hex digits (list-blobs and list-staked-wal show them)");
        }

        return value;
    }

    /// <summary>A blob id in Walrus's text form (43 characters of URL-safe base64).</summary>
    /// <exception cref="FormatException">Not a blob id.</exception>
    public static BlobId BlobId(string text) => Walrus.Core.BlobId.TryParse(text, out var id)
        ? id
        : throw new FormatException($"'{text}' is not a blob id (43 characters of URL-safe base64; convert-blob-id converts the decimal and hex forms)");

    /// <summary>An amount of FROST (a whole number, 1 WAL = 10^9 FROST).</summary>
    /// <exception cref="FormatException">Not a whole non-negative number.</exception>
    public static BigInteger Frost(string text) =>
        text.Length is > 0 and <= 78 && text.All(char.IsAsciiDigit) && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not an amount of FROST: give a whole number (1 WAL = 1000000000 FROST)");
}
