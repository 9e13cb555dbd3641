using System.Globalization;
using System.Numerics;

namespace Walrus.Chain;

/// <summary>Hex text as Ethereum JSON-RPC writes it: <c>0x</c> prefix, lower case, quantities without leading zeros.</summary>
public static class Hex
{
    /// <summary>Lower-case hex with a 0x prefix.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Decodes hex with or without a 0x prefix; an odd number of digits is an error.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = StripPrefix(text);
        if ((digits.Length & 1) != 0)
        {
            ThrowHelper.ThrowFormat("Hex data must have an even number of digits.");
        }

        try
        {
            return Convert.FromHexString(digits);
        }
        catch (FormatException)
        {
            return ThrowHelper.ThrowFormat<byte[]>("Invalid hex data.");
        }
    }

    /// <summary>Decodes exactly <paramref name="destination"/>.Length bytes of hex.</summary>
    public static void DecodeInto(string text, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = StripPrefix(text);
        if (digits.Length != destination.Length * 2)
        {
            ThrowHelper.ThrowFormat($"Expected {destination.Length} bytes of hex, got {digits.Length} digits.");
        }

        var status = Convert.FromHexString(digits, destination, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done || written != destination.Length)
        {
            ThrowHelper.ThrowFormat("Invalid hex data.");
        }
    }

    /// <summary>A JSON-RPC quantity: 0x followed by the shortest hex digits (0x0 for zero).</summary>
    public static string EncodeQuantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>A JSON-RPC quantity for a non-negative big integer.</summary>
    public static string EncodeQuantity(BigInteger value)
    {
        if (value.Sign < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "Quantities are non-negative.");
        }

        if (value.IsZero)
        {
            return "0x0";
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var hex = Convert.ToHexStringLower(bytes);
        return "0x" + hex.TrimStart('0');
    }

    /// <summary>Parses a JSON-RPC quantity into a ulong.</summary>
    public static ulong DecodeQuantityUInt64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = StripPrefix(text);
        if (digits.Length == 0 || digits.Length > 16 ||
            !ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return ThrowHelper.ThrowFormat<ulong>($"Invalid 64-bit quantity '{text}'.");
        }

        return value;
    }

    /// <summary>Parses a JSON-RPC quantity into a non-negative big integer.</summary>
    public static BigInteger DecodeQuantity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = StripPrefix(text);
        if (digits.Length == 0)
        {
            return ThrowHelper.ThrowFormat<BigInteger>($"Invalid quantity '{text}'.");
        }

        if ((digits.Length & 1) != 0)
        {
            digits = string.Concat("0", digits);
        }

        try
        {
            return new BigInteger(Convert.FromHexString(digits), isUnsigned: true, isBigEndian: true);
        }
        catch (FormatException)
        {
            return ThrowHelper.ThrowFormat<BigInteger>($"Invalid quantity '{text}'.");
        }
    }

    private static string StripPrefix(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
}
