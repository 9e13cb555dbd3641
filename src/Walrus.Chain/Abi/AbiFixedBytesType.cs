using System.Globalization;

namespace Walrus.Chain.Abi;

/// <summary>bytes1..bytes32: right-padded with zeros. bytes32 values are <see cref="Hash256"/>, others byte[].</summary>
internal sealed class AbiFixedBytesType : AbiType
{
    public AbiFixedBytesType(int length)
    {
        if (length is < 1 or > 32)
        {
            ThrowHelper.ThrowFormat($"Invalid fixed bytes length {length}.");
        }

        Length = length;
        CanonicalName = "bytes" + length.ToString(CultureInfo.InvariantCulture);
    }

    public int Length { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => false;

    public override int GetEncodedSize(object? value) => WordSize;

    public override void Encode(object? value, Span<byte> destination)
    {
        destination[..WordSize].Clear();
        switch (value)
        {
            case Hash256 hash when Length == 32:
                hash.CopyTo(destination);
                break;
            case byte[] bytes when bytes.Length == Length:
                bytes.CopyTo(destination);
                break;
            case ReadOnlyMemory<byte> memory when memory.Length == Length:
                memory.Span.CopyTo(destination);
                break;
            default:
                ThrowHelper.ThrowArgument($"Expected {Length} bytes for {CanonicalName}.", nameof(value));
                break;
        }
    }

    internal override object? Decode(ReadOnlySpan<byte> data, int offset, AbiDecodeBudget budget)
    {
        var word = Word(data, offset);
        if (Length == 32)
        {
            return new Hash256(word);
        }

        if (word[Length..].ContainsAnyExcept((byte)0))
        {
            ThrowHelper.ThrowFormat($"ABI {CanonicalName} with non-zero padding.");
        }

        return word[..Length].ToArray();
    }
}
