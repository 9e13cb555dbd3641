namespace Walrus.Chain.Abi;

/// <summary>A tuple (Solidity struct or parameter list); values are object?[] in component order.</summary>
internal sealed class AbiTupleType : AbiType
{
    private readonly AbiType[] _components;

    public AbiTupleType(AbiType[] components)
    {
        _components = components;
        CanonicalName = "(" + string.Join(',', components.Select(c => c.CanonicalName)) + ")";
        IsDynamic = components.Any(c => c.IsDynamic);
        HeadSize = IsDynamic ? WordSize : components.Sum(c => c.HeadSize);
    }

    public IReadOnlyList<AbiType> Components => _components;

    public override string CanonicalName { get; }

    public override bool IsDynamic { get; }

    public override int HeadSize { get; }

    public override int GetEncodedSize(object? value) => AbiSequence.GetSize(_components, CheckedList(value));

    public override void Encode(object? value, Span<byte> destination) =>
        AbiSequence.Encode(_components, CheckedList(value), destination);

    internal override object? Decode(ReadOnlySpan<byte> data, int offset, AbiDecodeBudget budget)
    {
        if (IsDynamic)
        {
            budget.Charge(AbiSequence.HeadSize(_components));
        }

        return AbiSequence.Decode(_components, data, offset, budget);
    }

    private System.Collections.IList CheckedList(object? value)
    {
        var list = AbiSequence.AsList(value, CanonicalName);
        if (list.Count != _components.Length)
        {
            ThrowHelper.ThrowArgument($"{CanonicalName} needs {_components.Length} values, got {list.Count}.", nameof(value));
        }

        return list;
    }
}
