using System.Globalization;

namespace Walrus.Chain.Abi;

/// <summary>Parses canonical type names into <see cref="AbiType"/>s, caching the results.</summary>
internal static class AbiTypeParser
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, AbiType> Cache = new(StringComparer.Ordinal);

    public static AbiType Parse(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Cache.GetOrAdd(type, static t =>
        {
            var position = 0;
            var result = ParseType(t, ref position);
            if (position != t.Length)
            {
                ThrowHelper.ThrowFormat($"Unexpected '{t[position..]}' in ABI type '{t}'.");
            }

            return result;
        });
    }

    private static AbiType ParseType(string text, ref int position)
    {
        AbiType type;
        if (position < text.Length && text[position] == '(')
        {
            position++;
            var components = new List<AbiType>();
            if (position < text.Length && text[position] == ')')
            {
                position++;
            }
            else
            {
                while (true)
                {
                    components.Add(ParseType(text, ref position));
                    if (position >= text.Length)
                    {
                        ThrowHelper.ThrowFormat($"Unclosed tuple in ABI type '{text}'.");
                    }

                    var c = text[position++];
                    if (c == ')')
                    {
                        break;
                    }

                    if (c != ',')
                    {
                        ThrowHelper.ThrowFormat($"Expected ',' or ')' in ABI type '{text}'.");
                    }
                }
            }

            type = new AbiTupleType([.. components]);
        }
        else
        {
            var start = position;
            while (position < text.Length && char.IsAsciiLetterOrDigit(text[position]))
            {
                position++;
            }

            type = ParseElementary(text[start..position]);
        }

        while (position < text.Length && text[position] == '[')
        {
            var close = text.IndexOf(']', position);
            if (close < 0)
            {
                ThrowHelper.ThrowFormat($"Unclosed array in ABI type '{text}'.");
            }

            var inner = text.AsSpan(position + 1, close - position - 1);
            int? length = null;
            if (!inner.IsEmpty)
            {
                if (!int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k <= 0)
                {
                    ThrowHelper.ThrowFormat($"Invalid array length in ABI type '{text}'.");
                }

                length = k;
            }

            type = new AbiArrayType(type, length);
            position = close + 1;
        }

        return type;
    }

    private static AbiType ParseElementary(string name)
    {
        switch (name)
        {
            case "address":
                return AbiAddressType.Instance;
            case "bool":
                return AbiBoolType.Instance;
            case "string":
                return AbiBytesType.String;
            case "bytes":
                return AbiBytesType.Bytes;
            case "uint":
                return new AbiIntegerType(256, signed: false);
            case "int":
                return new AbiIntegerType(256, signed: true);
            default:
                break;
        }

        if (name.StartsWith("uint", StringComparison.Ordinal) && TryWidth(name.AsSpan(4), out var ubits))
        {
            return new AbiIntegerType(ubits, signed: false);
        }

        if (name.StartsWith("int", StringComparison.Ordinal) && TryWidth(name.AsSpan(3), out var ibits))
        {
            return new AbiIntegerType(ibits, signed: true);
        }

        if (name.StartsWith("bytes", StringComparison.Ordinal) && TryWidth(name.AsSpan(5), out var length))
        {
            return new AbiFixedBytesType(length);
        }

        return ThrowHelper.ThrowFormat<AbiType>($"Unknown ABI type '{name}'.");
    }

    private static bool TryWidth(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value) && digits[0] != '0';
}
