using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;

namespace Walrus.Core.Encoding;

/// <summary>
/// A decoding symbol tagged with the type of sliver it recovers (docs/protocol.md §8): <c>ByAxis::Primary</c> (variant 0)
/// recovers a primary sliver and comes from a secondary one; <c>Secondary</c> (variant 1) the other way round.
/// </summary>
public sealed record EitherDecodingSymbol(SliverType Axis, DecodingSymbol Symbol)
{
    /// <summary>The type of the sliver the symbol was taken from.</summary>
    public SliverType SourceType => Axis == SliverType.Primary ? SliverType.Secondary : SliverType.Primary;

    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVariant((uint)Axis);
        Symbol.WriteBcs(writer);
    }

    public byte[] ToBcs()
    {
        var writer = new BcsWriter(Symbol.Data.Length + 8);
        WriteBcs(writer);
        return writer.ToArray();
    }

    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out EitherDecodingSymbol? symbol, [NotNullWhen(false)] out string? error, int maxSymbolLength = EncodingConfig.MaxSymbolSize)
    {
        var reader = new BcsReader(bytes);
        if (TryReadBcs(ref reader, maxSymbolLength, out symbol) && reader.TryFinish())
        {
            error = null;
            return true;
        }

        symbol = null;
        error = reader.Error ?? "invalid decoding symbol";
        return false;
    }

    public static bool TryReadBcs(ref BcsReader reader, int maxSymbolLength, [NotNullWhen(true)] out EitherDecodingSymbol? symbol)
    {
        symbol = null;
        if (!reader.TryReadVariant(out var variant))
        {
            return false;
        }

        if (variant > 1)
        {
            return reader.Fail($"unknown axis variant {variant}");
        }

        if (!DecodingSymbol.TryReadBcs(ref reader, maxSymbolLength, out var decoding))
        {
            return false;
        }

        symbol = new EitherDecodingSymbol((SliverType)variant, decoding);
        return true;
    }
}
