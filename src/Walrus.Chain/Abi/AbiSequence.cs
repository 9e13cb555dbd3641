using System.Collections;

namespace Walrus.Chain.Abi;

/// <summary>
/// The head/tail encoding shared by tuples and arrays: static members inline in the head, dynamic
/// members as an offset (from the start of the sequence) into the tail.
/// </summary>
internal static class AbiSequence
{
    public static int GetSize(AbiType[] types, IList values)
    {
        var size = 0;
        for (var i = 0; i < types.Length; i++)
        {
            size += types[i].IsDynamic ? AbiType.WordSize + types[i].GetEncodedSize(values[i]) : types[i].HeadSize;
        }

        return size;
    }

    public static int GetSize(AbiType element, IList values)
    {
        if (!element.IsDynamic)
        {
            return element.HeadSize * values.Count;
        }

        var size = 0;
        foreach (var value in values)
        {
            size += AbiType.WordSize + element.GetEncodedSize(value);
        }

        return size;
    }

    public static void Encode(AbiType[] types, IList values, Span<byte> destination)
    {
        var headSize = 0;
        foreach (var type in types)
        {
            headSize += type.HeadSize;
        }

        var head = 0;
        var tail = headSize;
        for (var i = 0; i < types.Length; i++)
        {
            EncodeOne(types[i], values[i], destination, ref head, ref tail);
        }
    }

    public static void Encode(AbiType element, IList values, Span<byte> destination)
    {
        var head = 0;
        var tail = element.HeadSize * values.Count;
        foreach (var value in values)
        {
            EncodeOne(element, value, destination, ref head, ref tail);
        }
    }

    public static long HeadSize(AbiType[] types)
    {
        long size = 0;
        foreach (var type in types)
        {
            size += type.HeadSize;
        }

        return size;
    }

    public static object?[] Decode(AbiType[] types, ReadOnlySpan<byte> data, int start, AbiDecodeBudget budget)
    {
        var result = new object?[types.Length];
        var head = start;
        for (var i = 0; i < types.Length; i++)
        {
            result[i] = DecodeOne(types[i], data, start, ref head, budget);
        }

        return result;
    }

    public static object?[] Decode(AbiType element, int count, ReadOnlySpan<byte> data, int start, AbiDecodeBudget budget)
    {
        // Each element takes at least one head word; reject counts the data cannot hold before allocating.
        if (count > (data.Length - start) / Math.Max(element.HeadSize, AbiType.WordSize))
        {
            ThrowHelper.ThrowFormat("ABI array length exceeds the data.");
        }

        var result = new object?[count];
        var head = start;
        for (var i = 0; i < count; i++)
        {
            result[i] = DecodeOne(element, data, start, ref head, budget);
        }

        return result;
    }

    public static IList AsList(object? value, string typeName) =>
        value as IList ?? ThrowHelper.ThrowFormat<IList>($"Expected a list of values for {typeName}.");

    private static void EncodeOne(AbiType type, object? value, Span<byte> destination, ref int head, ref int tail)
    {
        if (!type.IsDynamic)
        {
            type.Encode(value, destination.Slice(head, type.HeadSize));
            head += type.HeadSize;
            return;
        }

        AbiType.WriteSize(destination[head..], tail);
        head += AbiType.WordSize;
        var size = type.GetEncodedSize(value);
        type.Encode(value, destination.Slice(tail, size));
        tail += size;
    }

    private static object? DecodeOne(AbiType type, ReadOnlySpan<byte> data, int start, ref int head, AbiDecodeBudget budget)
    {
        if (!type.IsDynamic)
        {
            var value = type.Decode(data, head, budget);
            head += type.HeadSize;
            return value;
        }

        var offset = AbiType.ReadSize(data, head);
        head += AbiType.WordSize;
        if (offset > data.Length - start)
        {
            ThrowHelper.ThrowFormat("ABI offset points past the data.");
        }

        return type.Decode(data, start + offset, budget);
    }
}
