using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Walrus.Core.Bcs;

namespace Walrus.Core.Encoding;

/// <summary>
/// A primary or secondary sliver (docs/protocol.md §3, §8): its index and its symbols back to back. BCS
/// (<c>SliverData</c>): { symbols: { data: bytes, symbol_size: u16 }, index: u16 }; the type comes from the context
/// (the URL), not the bytes.
/// </summary>
public sealed class SliverData : IEquatable<SliverData>
{
    /// <summary>A sliver from its parts; <paramref name="symbols"/> is not copied.</summary>
    /// <exception cref="ArgumentException">The data is not a whole number of symbols, or the symbol size is 0.</exception>
    public SliverData(SliverType type, SliverIndex index, int symbolSize, ReadOnlyMemory<byte> symbols)
    {
        if (symbolSize is <= 0 or > ushort.MaxValue || symbols.Length % symbolSize != 0)
        {
            ThrowHelper.Argument(nameof(symbols), $"A sliver holds whole symbols; {symbols.Length} bytes are not a multiple of {symbolSize}.");
        }

        Type = type;
        Index = index;
        SymbolSize = symbolSize;
        Symbols = symbols;
    }

    /// <summary>Primary (a row) or secondary (a column).</summary>
    public SliverType Type { get; }

    /// <summary>The sliver index (row or column of the expanded matrix).</summary>
    public SliverIndex Index { get; }

    /// <summary>The symbol size in bytes.</summary>
    public int SymbolSize { get; }

    /// <summary>The symbols, back to back.</summary>
    public ReadOnlyMemory<byte> Symbols { get; }

    /// <summary>The number of symbols.</summary>
    public int SymbolCount => Symbols.Length / SymbolSize;

    /// <summary>
    /// The pair this sliver belongs to in a committee of <paramref name="shardCount"/> shards; false when the index is
    /// not below the shard count (a sliver from the network that has not been verified yet).
    /// </summary>
    public bool TryGetPairIndex(int shardCount, out SliverPairIndex pair) => Index.TryToPairIndex(Type, shardCount, out pair);

    /// <summary>Symbol <paramref name="i"/>.</summary>
    public ReadOnlySpan<byte> Symbol(int i) => Symbols.Span.Slice(i * SymbolSize, SymbolSize);

    /// <summary>Writes the BCS form.</summary>
    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(Symbols.Span);
        writer.WriteU16((ushort)SymbolSize);
        writer.WriteU16(Index.Value);
    }

    /// <summary>Writes the BCS form to <paramref name="writer"/>.</summary>
    public void WriteBcs(IBufferWriter<byte> writer) => WriteBcs(writer, Symbols.Span, SymbolSize, Index);

    /// <summary>The length of the BCS form of a sliver of <paramref name="dataLength"/> bytes.</summary>
    public static int BcsLength(int dataLength) => UlebLength((uint)dataLength) + dataLength + 4;

    /// <summary>
    /// Writes the BCS form of the sliver <paramref name="index"/> holding <paramref name="symbols"/> to
    /// <paramref name="writer"/>, without building a <see cref="SliverData"/> (a streaming encode's buffers).
    /// </summary>
    public static void WriteBcs(IBufferWriter<byte> writer, ReadOnlySpan<byte> symbols, int symbolSize, SliverIndex index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (symbolSize is <= 0 or > ushort.MaxValue)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(symbolSize), $"A symbol size is 1..65535 bytes; {symbolSize} was given.");
        }

        var prefix = writer.GetSpan(5);
        var length = (uint)symbols.Length;
        var used = 0;
        while (length >= 0x80)
        {
            prefix[used++] = (byte)(length | 0x80);
            length >>= 7;
        }

        prefix[used++] = (byte)length;
        writer.Advance(used);
        while (!symbols.IsEmpty)
        {
            var target = writer.GetSpan(1);
            var count = Math.Min(target.Length, symbols.Length);
            symbols[..count].CopyTo(target);
            writer.Advance(count);
            symbols = symbols[count..];
        }

        var tail = writer.GetSpan(4);
        BinaryPrimitives.WriteUInt16LittleEndian(tail, (ushort)symbolSize);
        BinaryPrimitives.WriteUInt16LittleEndian(tail[2..], index.Value);
        writer.Advance(4);
    }

    /// <summary>The BCS form (the body of <c>PUT /v1/blobs/{id}/slivers/{pair}/{type}</c>).</summary>
    public byte[] ToBcs()
    {
        var writer = new BcsWriter(Symbols.Length + 16);
        WriteBcs(writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Reads the BCS form; data longer than <paramref name="maxLength"/> (e.g. <see cref="EncodingConfig.MaxSliverSize"/>),
    /// a zero symbol size or data that is not whole symbols are refused. The data is copied.
    /// </summary>
    public static bool TryReadBcs(ref BcsReader reader, SliverType type, long maxLength, [NotNullWhen(true)] out SliverData? sliver)
    {
        sliver = null;
        if (!TryReadParts(ref reader, maxLength, out var data, out var symbolSize, out var index))
        {
            return false;
        }

        sliver = new SliverData(type, new SliverIndex(index), symbolSize, data.ToArray());
        return true;
    }

    /// <summary>Decodes the BCS form, which must be consumed entirely; the data is copied.</summary>
    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, SliverType type, long maxLength, [NotNullWhen(true)] out SliverData? sliver, [NotNullWhen(false)] out string? error)
    {
        var reader = new BcsReader(bytes);
        if (TryReadBcs(ref reader, type, maxLength, out sliver) && reader.TryFinish())
        {
            error = null;
            return true;
        }

        sliver = null;
        error = reader.Error ?? "invalid sliver";
        return false;
    }

    /// <summary>
    /// Decodes the BCS form, which must be consumed entirely, without copying: the sliver's symbols are a slice of
    /// <paramref name="bytes"/>, which the caller keeps alive and unchanged while the sliver is in use (a storage node
    /// verifies an upload in its request buffer).
    /// </summary>
    public static bool TryFromBcsInPlace(ReadOnlyMemory<byte> bytes, SliverType type, long maxLength, [NotNullWhen(true)] out SliverData? sliver, [NotNullWhen(false)] out string? error)
    {
        var span = bytes.Span;
        var reader = new BcsReader(span);
        if (TryReadParts(ref reader, maxLength, out var data, out var symbolSize, out var index) && reader.TryFinish())
        {
            var offset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(span), ref MemoryMarshal.GetReference(data));
            sliver = new SliverData(type, new SliverIndex(index), symbolSize, bytes.Slice(offset, data.Length));
            error = null;
            return true;
        }

        sliver = null;
        error = reader.Error ?? "invalid sliver";
        return false;
    }

    private static bool TryReadParts(ref BcsReader reader, long maxLength, out ReadOnlySpan<byte> data, out ushort symbolSize, out ushort index)
    {
        index = 0;
        symbolSize = 0;
        if (!reader.TryReadBytes((int)Math.Clamp(maxLength, 0, Array.MaxLength), out data) || !reader.TryReadU16(out symbolSize) || !reader.TryReadU16(out index))
        {
            return false;
        }

        if (symbolSize == 0)
        {
            return reader.Fail("the symbol size is zero");
        }

        return data.Length % symbolSize == 0 || reader.Fail($"{data.Length} bytes are not whole symbols of {symbolSize} bytes");
    }

    private static int UlebLength(uint value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    public bool Equals(SliverData? other) =>
        other is not null && Type == other.Type && Index == other.Index && SymbolSize == other.SymbolSize
        && Symbols.Span.SequenceEqual(other.Symbols.Span);

    public override bool Equals(object? obj) => Equals(obj as SliverData);

    public override int GetHashCode() => HashCode.Combine(Type, Index, SymbolSize, Symbols.Length);

    public override string ToString() => $"{Type} sliver {Index} ({SymbolCount} x {SymbolSize} B)";
}
