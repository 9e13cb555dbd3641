using System.Globalization;

namespace Walrus.Chain.Abi;

/// <summary>T[] (a length word, then the elements as a sequence) and T[k] (k elements, no length).</summary>
internal sealed class AbiArrayType : AbiType
{
    public AbiArrayType(AbiType element, int? fixedLength)
    {
        Element = element;
        FixedLength = fixedLength;
        CanonicalName = element.CanonicalName + "[" +
            (fixedLength?.ToString(CultureInfo.InvariantCulture) ?? string.Empty) + "]";
        IsDynamic = fixedLength is null || element.IsDynamic;
        HeadSize = IsDynamic ? WordSize : element.HeadSize * fixedLength!.Value;
    }

    public AbiType Element { get; }

    public int? FixedLength { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic { get; }

    public override int HeadSize { get; }

    public override int GetEncodedSize(object? value)
    {
        var list = CheckedList(value);
        return (FixedLength is null ? WordSize : 0) + AbiSequence.GetSize(Element, list);
    }

    public override void Encode(object? value, Span<byte> destination)
    {
        var list = CheckedList(value);
        if (FixedLength is null)
        {
            WriteSize(destination, list.Count);
            destination = destination[WordSize..];
        }

        AbiSequence.Encode(Element, list, destination);
    }

    internal override object? Decode(ReadOnlySpan<byte> data, int offset, AbiDecodeBudget budget)
    {
        if (FixedLength is { } length)
        {
            if (IsDynamic)
            {
                budget.Charge((long)length * Element.HeadSize);
            }

            return AbiSequence.Decode(Element, length, data, offset, budget);
        }

        var count = ReadSize(data, offset);
        budget.Charge(WordSize + ((long)count * Element.HeadSize));
        return AbiSequence.Decode(Element, count, data, offset + WordSize, budget);
    }

    private System.Collections.IList CheckedList(object? value)
    {
        var list = AbiSequence.AsList(value, CanonicalName);
        if (FixedLength is { } length && list.Count != length)
        {
            ThrowHelper.ThrowArgument($"{CanonicalName} needs {length} values, got {list.Count}.", nameof(value));
        }

        return list;
    }
}
