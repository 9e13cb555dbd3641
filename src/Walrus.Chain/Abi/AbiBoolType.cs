namespace Walrus.Chain.Abi;

/// <summary>bool: a word holding 0 or 1.</summary>
internal sealed class AbiBoolType : AbiType
{
    public static readonly AbiBoolType Instance = new();

    public override string CanonicalName => "bool";

    public override bool IsDynamic => false;

    public override int GetEncodedSize(object? value) => WordSize;

    public override void Encode(object? value, Span<byte> destination)
    {
        if (value is not bool flag)
        {
            ThrowHelper.ThrowArgument($"Expected a bool, got {value?.GetType().Name ?? "null"}.", nameof(value));
            return;
        }

        destination[..WordSize].Clear();
        destination[WordSize - 1] = flag ? (byte)1 : (byte)0;
    }

    internal override object? Decode(ReadOnlySpan<byte> data, int offset, AbiDecodeBudget budget)
    {
        var word = Word(data, offset);
        if (word[..31].ContainsAnyExcept((byte)0) || word[31] > 1)
        {
            ThrowHelper.ThrowFormat("ABI bool that is neither 0 nor 1.");
        }

        return word[31] == 1;
    }
}
