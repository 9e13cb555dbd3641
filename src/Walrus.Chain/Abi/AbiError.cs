using Walrus.Chain.Crypto;

namespace Walrus.Chain.Abi;

/// <summary>A Solidity custom error: selector = first four bytes of keccak256(signature), then the ABI-encoded arguments.</summary>
public sealed class AbiError
{
    private readonly AbiType[] _types;
    private readonly byte[] _selector;

    /// <summary>Describes an error.</summary>
    public AbiError(string name, IReadOnlyList<AbiParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name;
        Parameters = parameters;
        _types = [.. parameters.Select(p => p.Type)];
        Signature = name + "(" + string.Join(',', _types.Select(t => t.CanonicalName)) + ")";
        _selector = Keccak256.HashUtf8(Signature).ToArray()[..4];
    }

    /// <summary>The built-in <c>Error(string)</c> that <c>require(cond, "reason")</c> raises.</summary>
    public static AbiError ErrorString { get; } = new("Error", [AbiParameter.Of("message", "string")]);

    /// <summary>The built-in <c>Panic(uint256)</c> (assertion failures, overflow, division by zero).</summary>
    public static AbiError Panic { get; } = new("Panic", [AbiParameter.Of("code", "uint256")]);

    /// <summary>Error name.</summary>
    public string Name { get; }

    /// <summary>Canonical signature.</summary>
    public string Signature { get; }

    /// <summary>Parameters.</summary>
    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>The 4-byte selector.</summary>
    public ReadOnlySpan<byte> Selector => _selector;

    /// <summary>The selector as a big-endian integer (dictionary key).</summary>
    public uint SelectorValue => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(_selector);

    /// <summary>Revert data for this error (what a contract would return).</summary>
    public byte[] Encode(params object?[] arguments) => AbiCodec.EncodeWithSelector(_selector, _types, arguments);

    /// <summary>Decodes the arguments of revert data that starts with this error's selector.</summary>
    public object?[] DecodeArguments(ReadOnlySpan<byte> revertData)
    {
        if (revertData.Length < 4 || !revertData[..4].SequenceEqual(_selector))
        {
            ThrowHelper.ThrowFormat($"Revert data is not a {Signature}.");
        }

        return AbiCodec.Decode(_types, revertData[4..]);
    }

    /// <inheritdoc/>
    public override string ToString() => Signature;
}
