using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;

namespace Walrus.Core.Encoding;

/// <summary>
/// One symbol for decoding a sliver (docs/protocol.md §8): the index of the sliver it was taken from and its bytes. To
/// rebuild primary sliver i one needs symbols (i, j) from secondary slivers j (Index = j), and vice versa. BCS
/// (<c>DecodingSymbol</c>): { index: u16, data: bytes }.
/// </summary>
public sealed class DecodingSymbol : IEquatable<DecodingSymbol>
{
    public DecodingSymbol(ushort index, ReadOnlyMemory<byte> data)
    {
        Index = index;
        Data = data;
    }

    /// <summary>The index of the source sliver (the symbol's position in the code that decodes the target).</summary>
    public ushort Index { get; }

    /// <summary>The symbol's bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteU16(Index);
        writer.WriteBytes(Data.Span);
    }

    public byte[] ToBcs()
    {
        var writer = new BcsWriter(Data.Length + 8);
        WriteBcs(writer);
        return writer.ToArray();
    }

    /// <summary>Reads the BCS form; data longer than <paramref name="maxLength"/> is refused before copying.</summary>
    public static bool TryReadBcs(ref BcsReader reader, int maxLength, [NotNullWhen(true)] out DecodingSymbol? symbol)
    {
        symbol = null;
        if (!reader.TryReadU16(out var index) || !reader.TryReadBytes(maxLength, out var data))
        {
            return false;
        }

        symbol = new DecodingSymbol(index, data.ToArray());
        return true;
    }

    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out DecodingSymbol? symbol, [NotNullWhen(false)] out string? error, int maxLength = EncodingConfig.MaxSymbolSize)
    {
        var reader = new BcsReader(bytes);
        if (TryReadBcs(ref reader, maxLength, out symbol) && reader.TryFinish())
        {
            error = null;
            return true;
        }

        symbol = null;
        error = reader.Error ?? "invalid decoding symbol";
        return false;
    }

    public bool Equals(DecodingSymbol? other) => other is not null && Index == other.Index && Data.Span.SequenceEqual(other.Data.Span);

    public override bool Equals(object? obj) => Equals(obj as DecodingSymbol);

    public override int GetHashCode() => HashCode.Combine(Index, Data.Length);
}
