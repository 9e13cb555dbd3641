namespace Walrus.Chain.Abi;

/// <summary>Encodes and decodes parameter lists (a tuple of the parameter types).</summary>
public static class AbiCodec
{
    /// <summary>abi.encode(values...) for the given types.</summary>
    public static byte[] Encode(IReadOnlyList<AbiType> types, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        var array = types as AbiType[] ?? [.. types];
        if (array.Length != values.Length)
        {
            ThrowHelper.ThrowArgument($"Expected {array.Length} values, got {values.Length}.", nameof(values));
        }

        var result = new byte[AbiSequence.GetSize(array, values)];
        AbiSequence.Encode(array, values, result);
        return result;
    }

    /// <summary>Encodes <paramref name="values"/> after a 4-byte selector (calldata, revert data).</summary>
    public static byte[] EncodeWithSelector(ReadOnlySpan<byte> selector, AbiType[] types, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Length != values.Length)
        {
            ThrowHelper.ThrowArgument($"Expected {types.Length} values, got {values.Length}.", nameof(values));
        }

        var result = new byte[4 + AbiSequence.GetSize(types, values)];
        selector[..4].CopyTo(result);
        AbiSequence.Encode(types, values, result.AsSpan(4));
        return result;
    }

    /// <summary>abi.decode(data, (types...)).</summary>
    public static object?[] Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        var array = types as AbiType[] ?? [.. types];
        var budget = AbiDecodeBudget.For(data.Length);
        budget.Charge(AbiSequence.HeadSize(array));
        return AbiSequence.Decode(array, data, 0, budget);
    }
}
