using Walrus.Chain.Crypto;

namespace Walrus.Chain.Abi;

/// <summary>
/// A contract event: topic 0 is keccak256(signature); indexed parameters are the following topics
/// (dynamic indexed values appear as their keccak256 hash, a <see cref="Hash256"/>); the rest are ABI-encoded in data.
/// </summary>
public sealed class AbiEvent
{
    private readonly AbiType[] _dataTypes;

    /// <summary>Describes a (non-anonymous) event.</summary>
    public AbiEvent(string name, IReadOnlyList<AbiParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name;
        Parameters = parameters;
        Signature = name + "(" + string.Join(',', parameters.Select(p => p.Type.CanonicalName)) + ")";
        Topic0 = Keccak256.HashUtf8(Signature);
        _dataTypes = [.. parameters.Where(p => !p.Indexed).Select(p => p.Type)];
    }

    /// <summary>Event name.</summary>
    public string Name { get; }

    /// <summary>Canonical signature.</summary>
    public string Signature { get; }

    /// <summary>keccak256 of the signature.</summary>
    public Hash256 Topic0 { get; }

    /// <summary>All parameters in declaration order.</summary>
    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>Decodes a log's topics and data into the parameter values, in declaration order.</summary>
    public object?[] Decode(IReadOnlyList<Hash256> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0 || topics[0] != Topic0)
        {
            ThrowHelper.ThrowFormat($"The log is not a {Signature} event.");
        }

        var indexedCount = Parameters.Count(p => p.Indexed);
        if (topics.Count != indexedCount + 1)
        {
            ThrowHelper.ThrowFormat($"{Signature} needs {indexedCount + 1} topics, the log has {topics.Count}.");
        }

        var dataValues = AbiCodec.Decode(_dataTypes, data);
        var result = new object?[Parameters.Count];
        var topic = 1;
        var dataIndex = 0;
        Span<byte> word = stackalloc byte[32];
        for (var i = 0; i < Parameters.Count; i++)
        {
            var parameter = Parameters[i];
            if (!parameter.Indexed)
            {
                result[i] = dataValues[dataIndex++];
                continue;
            }

            var value = topics[topic++];
            if (parameter.Type.IsDynamic || parameter.Type is AbiTupleType or AbiArrayType)
            {
                result[i] = value;
            }
            else
            {
                value.CopyTo(word);
                result[i] = parameter.Type.Decode(word, 0);
            }
        }

        return result;
    }

    /// <summary>The topic that filters on a static indexed value (its 32-byte ABI word).</summary>
    public static Hash256 TopicOf(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsDynamic)
        {
            return Keccak256.Hash(type.Encode(value).AsSpan(AbiType.WordSize));
        }

        return new Hash256(type.Encode(value));
    }

    /// <inheritdoc/>
    public override string ToString() => Signature;
}
