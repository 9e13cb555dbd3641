namespace Walrus.Chain.Abi;

/// <summary>address: 20 bytes, left-padded with zeros.</summary>
internal sealed class AbiAddressType : AbiType
{
    public static readonly AbiAddressType Instance = new();

    public override string CanonicalName => "address";

    public override bool IsDynamic => false;

    public override int GetEncodedSize(object? value) => WordSize;

    public override void Encode(object? value, Span<byte> destination)
    {
        if (value is not Address address)
        {
            ThrowHelper.ThrowArgument($"Expected an Address, got {value?.GetType().Name ?? "null"}.", nameof(value));
            return;
        }

        destination[..12].Clear();
        address.CopyTo(destination[12..WordSize]);
    }

    internal override object? Decode(ReadOnlySpan<byte> data, int offset, AbiDecodeBudget budget)
    {
        var word = Word(data, offset);
        if (word[..12].ContainsAnyExcept((byte)0))
        {
            ThrowHelper.ThrowFormat("ABI address with non-zero padding.");
        }

        return new Address(word[12..]);
    }
}
