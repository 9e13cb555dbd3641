using System.Collections;
using System.Text;
using Walrus.Chain.Abi;

namespace Walrus.Chain.Crypto.Eip712;

/// <summary>
/// EIP-712 hashing of typed structured data: encodeType, typeHash, encodeData, hashStruct and the
/// final digest keccak256(0x19 0x01 || domainSeparator || hashStruct(message)).
/// Struct values are <see cref="IReadOnlyDictionary{TKey, TValue}"/> from member name to value; atomic values
/// use the ABI value types (see <see cref="AbiType"/>); arrays are lists.
/// </summary>
public static class Eip712Hasher
{
    /// <summary>The digest to sign: keccak256(0x19 0x01 || domainSeparator || structHash).</summary>
    public static Hash256 Digest(Hash256 domainSeparator, Hash256 structHash)
    {
        Span<byte> buffer = stackalloc byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        domainSeparator.CopyTo(buffer[2..]);
        structHash.CopyTo(buffer[34..]);
        return Keccak256.Hash(buffer);
    }

    /// <summary>
    /// encodeType: the primary type's <c>Name(type1 name1,...)</c> followed by every struct type it references,
    /// directly or not, sorted by name.
    /// </summary>
    public static string EncodeType(string primaryType, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types)
    {
        ArgumentNullException.ThrowIfNull(primaryType);
        ArgumentNullException.ThrowIfNull(types);
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        CollectReferences(primaryType, types, referenced);
        referenced.Remove(primaryType);
        var builder = new StringBuilder();
        AppendType(builder, primaryType, types);
        foreach (var name in referenced)
        {
            AppendType(builder, name, types);
        }

        return builder.ToString();
    }

    /// <summary>keccak256(encodeType(type)).</summary>
    public static Hash256 TypeHash(string primaryType, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types) =>
        Keccak256.HashUtf8(EncodeType(primaryType, types));

    /// <summary>hashStruct(s) = keccak256(typeHash || encodeData(s)).</summary>
    public static Hash256 HashStruct(string type, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types, IReadOnlyDictionary<string, object?> value)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(value);
        if (!types.TryGetValue(type, out var fields))
        {
            ThrowHelper.ThrowArgument($"Unknown EIP-712 type '{type}'.", nameof(type));
        }

        var buffer = new byte[32 * (fields.Count + 1)];
        TypeHash(type, types).CopyTo(buffer);
        for (var i = 0; i < fields.Count; i++)
        {
            if (!value.TryGetValue(fields[i].Name, out var member))
            {
                ThrowHelper.ThrowArgument($"Missing member '{fields[i].Name}' of {type}.", nameof(value));
            }

            EncodeValue(fields[i].Type, member, types, buffer.AsSpan(32 * (i + 1), 32));
        }

        return Keccak256.Hash(buffer);
    }

    /// <summary>The full digest for a message of <paramref name="primaryType"/> in <paramref name="domain"/>.</summary>
    public static Hash256 Digest(Eip712Domain domain, string primaryType, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types, IReadOnlyDictionary<string, object?> message)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return Digest(domain.Separator(), HashStruct(primaryType, types, message));
    }

    private static void EncodeValue(string type, object? value, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types, Span<byte> destination)
    {
        if (type.EndsWith(']'))
        {
            var elementType = type[..type.LastIndexOf('[')];
            var list = value as IList ?? ThrowHelper.ThrowFormat<IList>($"Expected a list for EIP-712 type {type}.");
            var buffer = new byte[32 * list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                EncodeValue(elementType, list[i], types, buffer.AsSpan(32 * i, 32));
            }

            Keccak256.Hash(buffer, destination);
            return;
        }

        if (types.ContainsKey(type))
        {
            var members = value as IReadOnlyDictionary<string, object?>
                ?? ThrowHelper.ThrowFormat<IReadOnlyDictionary<string, object?>>($"Expected a struct value for {type}.");
            HashStruct(type, types, members).CopyTo(destination);
            return;
        }

        switch (type)
        {
            case "string":
                var text = value as string ?? ThrowHelper.ThrowFormat<string>("Expected a string.");
                Keccak256.Hash(Encoding.UTF8.GetBytes(text), destination);
                return;
            case "bytes":
                var bytes = value switch
                {
                    byte[] b => b,
                    ReadOnlyMemory<byte> m => m.ToArray(),
                    _ => ThrowHelper.ThrowFormat<byte[]>("Expected bytes."),
                };
                Keccak256.Hash(bytes, destination);
                return;
            default:
                AbiType.Parse(type).Encode(value, destination);
                return;
        }
    }

    private static void CollectReferences(string type, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types, SortedSet<string> found)
    {
        if (!types.TryGetValue(type, out var fields) || !found.Add(type))
        {
            return;
        }

        foreach (var field in fields)
        {
            var bracket = field.Type.IndexOf('[', StringComparison.Ordinal);
            CollectReferences(bracket < 0 ? field.Type : field.Type[..bracket], types, found);
        }
    }

    private static void AppendType(StringBuilder builder, string name, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types)
    {
        builder.Append(name).Append('(');
        var fields = types[name];
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(fields[i].Type).Append(' ').Append(fields[i].Name);
        }

        builder.Append(')');
    }
}
