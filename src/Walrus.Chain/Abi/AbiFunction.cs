using Walrus.Chain.Crypto;

namespace Walrus.Chain.Abi;

/// <summary>A contract function: its signature, 4-byte selector, calldata encoder and result decoder.</summary>
public sealed class AbiFunction
{
    private readonly AbiType[] _inputTypes;
    private readonly AbiType[] _outputTypes;
    private readonly byte[] _selector;

    /// <summary>Describes a function.</summary>
    public AbiFunction(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        _inputTypes = [.. inputs.Select(p => p.Type)];
        _outputTypes = [.. outputs.Select(p => p.Type)];
        Signature = name + "(" + string.Join(',', _inputTypes.Select(t => t.CanonicalName)) + ")";
        _selector = Keccak256.HashUtf8(Signature).ToArray()[..4];
    }

    /// <summary>Function name.</summary>
    public string Name { get; }

    /// <summary>Canonical signature, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>Input parameters.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>Output parameters.</summary>
    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>The first four bytes of keccak256(signature).</summary>
    public ReadOnlySpan<byte> Selector => _selector;

    /// <summary>Parses <c>name(type,...)</c> with optional <c>returns (type,...)</c>; parameters get names p0, p1, ...</summary>
    public static AbiFunction Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var returnsAt = signature.IndexOf(" returns ", StringComparison.Ordinal);
        var head = returnsAt < 0 ? signature : signature[..returnsAt];
        var open = head.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || head[^1] != ')')
        {
            ThrowHelper.ThrowFormat($"Invalid function signature '{signature}'.");
        }

        var inputs = ParameterList(head[open..]);
        var outputs = returnsAt < 0 ? [] : ParameterList(signature[(returnsAt + 9)..].Trim());
        return new AbiFunction(head[..open], inputs, outputs);
    }

    /// <summary>Calldata: selector followed by the encoded arguments.</summary>
    public byte[] EncodeCall(params object?[] arguments) => AbiCodec.EncodeWithSelector(_selector, _inputTypes, arguments);

    /// <summary>Decodes calldata back into the arguments (checks the selector).</summary>
    public object?[] DecodeCall(ReadOnlySpan<byte> calldata)
    {
        if (calldata.Length < 4 || !calldata[..4].SequenceEqual(_selector))
        {
            ThrowHelper.ThrowFormat($"Calldata is not a call to {Signature}.");
        }

        return AbiCodec.Decode(_inputTypes, calldata[4..]);
    }

    /// <summary>Decodes the return data.</summary>
    public object?[] DecodeOutput(ReadOnlySpan<byte> returnData) => AbiCodec.Decode(_outputTypes, returnData);

    /// <inheritdoc/>
    public override string ToString() => Signature;

    internal static AbiParameter[] ParameterList(string parenthesized)
    {
        if (AbiType.Parse(parenthesized) is not AbiTupleType tuple)
        {
            return ThrowHelper.ThrowFormat<AbiParameter[]>($"Expected a parameter list, got '{parenthesized}'.");
        }

        return [.. tuple.Components.Select((t, i) => new AbiParameter("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), t))];
    }
}
