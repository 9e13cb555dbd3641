using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;
using Walrus.Core.Encoding;

namespace Walrus.Core.NodeApi;

/// <summary>
/// The body of <c>GET .../decodingSymbols</c>: BCS <c>BTreeMap&lt;u16, Vec&lt;EitherDecodingSymbol&gt;&gt;</c>, target sliver
/// index to the symbols this node contributes to it, keys ascending (a BCS map is its sorted entries).
/// </summary>
public static class DecodingSymbolMap
{
    /// <summary>The BCS form; the keys are written in ascending order.</summary>
    public static byte[] ToBcs(IReadOnlyDictionary<ushort, IReadOnlyList<EitherDecodingSymbol>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var keys = map.Keys.ToArray();
        Array.Sort(keys);
        var writer = new BcsWriter(64);
        writer.WriteLength(keys.Length);
        foreach (var key in keys)
        {
            writer.WriteU16(key);
            var symbols = map[key];
            writer.WriteLength(symbols.Count);
            foreach (var symbol in symbols)
            {
                symbol.WriteBcs(writer);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Reads the map: at most <paramref name="maxKeys"/> keys, strictly ascending, each with at most <paramref name="maxSymbolsPerKey"/> symbols.</summary>
    public static bool TryFromBcs(
        ReadOnlySpan<byte> bytes, int maxKeys, int maxSymbolsPerKey, int maxSymbolLength,
        [NotNullWhen(true)] out IReadOnlyDictionary<ushort, IReadOnlyList<EitherDecodingSymbol>>? map, [NotNullWhen(false)] out string? error)
    {
        map = null;
        var reader = new BcsReader(bytes);
        if (!reader.TryReadLength(maxKeys, 3, out var count))
        {
            error = reader.Error ?? "invalid key count";
            return false;
        }

        var result = new SortedDictionary<ushort, IReadOnlyList<EitherDecodingSymbol>>();
        var previous = -1;
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadU16(out var key) || !reader.TryReadLength(maxSymbolsPerKey, 4, out var symbolCount))
            {
                error = reader.Error ?? "invalid entry";
                return false;
            }

            if (key <= previous)
            {
                error = "map keys are not strictly ascending";
                return false;
            }

            previous = key;
            var symbols = new EitherDecodingSymbol[symbolCount];
            for (var j = 0; j < symbolCount; j++)
            {
                if (!EitherDecodingSymbol.TryReadBcs(ref reader, maxSymbolLength, out var symbol))
                {
                    error = reader.Error ?? "invalid decoding symbol";
                    return false;
                }

                symbols[j] = symbol;
            }

            result[key] = symbols;
        }

        if (!reader.TryFinish())
        {
            error = reader.Error ?? "trailing bytes";
            return false;
        }

        map = result;
        error = null;
        return true;
    }
}
