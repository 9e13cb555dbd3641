using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;
using Walrus.Core.Encoding;

namespace Walrus.Core.NodeApi;

/// <summary>The body of <c>GET .../recoverySymbols</c>: BCS <c>Vec&lt;GeneralRecoverySymbol&gt;</c>.</summary>
public static class RecoverySymbolList
{
    /// <summary>The BCS form of <paramref name="symbols"/>.</summary>
    public static byte[] ToBcs(IReadOnlyList<GeneralRecoverySymbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var size = 16;
        foreach (var symbol in symbols)
        {
            size += symbol.Symbol.Symbol.Data.Length + 16 + (symbol.Proof.Path.Length * 33);
        }

        var writer = new BcsWriter(size);
        writer.WriteLength(symbols.Count);
        foreach (var symbol in symbols)
        {
            symbol.WriteBcs(writer);
        }

        return writer.ToArray();
    }

    /// <summary>Reads at most <paramref name="maxCount"/> symbols of at most <paramref name="maxSymbolLength"/> bytes; all bytes must be consumed.</summary>
    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, int maxCount, int maxSymbolLength, [NotNullWhen(true)] out IReadOnlyList<GeneralRecoverySymbol>? symbols, [NotNullWhen(false)] out string? error)
    {
        symbols = null;
        var reader = new BcsReader(bytes);
        // A general recovery symbol takes at least 1 (axis) + 2 (index) + 1 (data length) + 2 (target) + 1 (path length) bytes.
        if (!reader.TryReadLength(maxCount, 7, out var count))
        {
            error = reader.Error ?? "invalid symbol count";
            return false;
        }

        var list = new GeneralRecoverySymbol[count];
        for (var i = 0; i < count; i++)
        {
            if (!GeneralRecoverySymbol.TryReadBcs(ref reader, maxSymbolLength, out var symbol))
            {
                error = reader.Error ?? "invalid recovery symbol";
                return false;
            }

            list[i] = symbol;
        }

        if (!reader.TryFinish())
        {
            error = reader.Error ?? "trailing bytes";
            return false;
        }

        symbols = list;
        error = null;
        return true;
    }
}
