using System.Buffers.Binary;

namespace Walrus.Chain.Abi;

/// <summary>
/// A Solidity ABI type with its encoder and decoder (contract ABI specification, "Formal Specification of
/// the Encoding"). Values are: <see cref="System.Numerics.BigInteger"/> or the matching .NET integer for
/// uintN/intN (uint8..uint64 decode as byte/ushort/uint/ulong, int8..int64 as sbyte/short/int/long),
/// <see cref="Address"/>, bool, <see cref="Hash256"/> for bytes32, byte[] for other bytesN and bytes,
/// string, and object?[] for arrays and tuples.
/// </summary>
public abstract class AbiType
{
    /// <summary>Size of one ABI word.</summary>
    public const int WordSize = 32;

    /// <summary>The canonical type name used in signatures, e.g. <c>uint256</c> or <c>(uint32,bytes32)[]</c>.</summary>
    public abstract string CanonicalName { get; }

    /// <summary>Whether the encoding has a variable length (bytes, string, T[], or a container of one).</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>Encoded size of a static type; 32 (the offset word) for a dynamic one.</summary>
    public virtual int HeadSize => WordSize;

    /// <summary>Parses a type name: elementary types, <c>T[]</c>, <c>T[k]</c> and tuples written <c>(T1,T2)</c>.</summary>
    public static AbiType Parse(string type) => AbiTypeParser.Parse(type);

    /// <summary>The number of bytes <see cref="Encode(object, Span{byte})"/> writes for <paramref name="value"/>.</summary>
    public abstract int GetEncodedSize(object? value);

    /// <summary>Writes the encoding of <paramref name="value"/>: exactly <see cref="GetEncodedSize"/> bytes.</summary>
    public abstract void Encode(object? value, Span<byte> destination);

    /// <summary>
    /// Decodes a value whose encoding starts at <paramref name="offset"/> of <paramref name="data"/>
    /// (for dynamic types, where the offset word points). Every length and offset is checked.
    /// </summary>
    public object? Decode(ReadOnlySpan<byte> data, int offset)
    {
        var budget = AbiDecodeBudget.For(data.Length);
        if (IsDynamic)
        {
            // The value's own footprint is charged inside; a static one is paid for here.
            return Decode(data, offset, budget);
        }

        budget.Charge(HeadSize);
        return Decode(data, offset, budget);
    }

    /// <summary>Decodes against <paramref name="budget"/>: a dynamic type charges its own footprint, a static one nothing.</summary>
    internal abstract object? Decode(ReadOnlySpan<byte> data, int offset, AbiDecodeBudget budget);

    /// <inheritdoc/>
    public override string ToString() => CanonicalName;

    /// <summary>Encodes a value into a new array.</summary>
    public byte[] Encode(object? value)
    {
        var result = new byte[GetEncodedSize(value)];
        Encode(value, result);
        return result;
    }

    internal static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> data, int offset)
    {
        if (offset < 0 || offset > data.Length - WordSize)
        {
            ThrowHelper.ThrowFormat($"ABI data too short: need a word at {offset}, have {data.Length} bytes.");
        }

        return data.Slice(offset, WordSize);
    }

    /// <summary>Reads a word that must hold a small non-negative integer (an offset or a length).</summary>
    internal static int ReadSize(ReadOnlySpan<byte> data, int offset)
    {
        var word = Word(data, offset);
        if (word[..28].ContainsAnyExcept((byte)0))
        {
            ThrowHelper.ThrowFormat("ABI offset or length out of range.");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(word[28..]);
        if (value > int.MaxValue)
        {
            ThrowHelper.ThrowFormat("ABI offset or length out of range.");
        }

        return (int)value;
    }

    internal static void WriteSize(Span<byte> destination, int value)
    {
        destination[..28].Clear();
        BinaryPrimitives.WriteUInt32BigEndian(destination[28..], (uint)value);
    }

    internal static int PaddedLength(int length) => (length + WordSize - 1) / WordSize * WordSize;
}
