using System.Numerics;
namespace Walrus.Chain.Crypto.Eip712;

/// <summary>
/// The EIP-712 domain. Only the fields that are set take part in the EIP712Domain type, in the order
/// the EIP fixes: name, version, chainId, verifyingContract, salt.
/// </summary>
public sealed record Eip712Domain
{
    /// <summary>Signing domain name, e.g. "Walrus".</summary>
    public string? Name { get; init; }

    /// <summary>Domain version string.</summary>
    public string? Version { get; init; }

    /// <summary>Chain id.</summary>
    public BigInteger? ChainId { get; init; }

    /// <summary>The contract that verifies the signatures.</summary>
    public Address? VerifyingContract { get; init; }

    /// <summary>Disambiguating salt.</summary>
    public Hash256? Salt { get; init; }

    /// <summary>The EIP712Domain fields this domain uses.</summary>
    public IReadOnlyList<Eip712Field> Fields()
    {
        var fields = new List<Eip712Field>(5);
        if (Name is not null)
        {
            fields.Add(new("name", "string"));
        }

        if (Version is not null)
        {
            fields.Add(new("version", "string"));
        }

        if (ChainId is not null)
        {
            fields.Add(new("chainId", "uint256"));
        }

        if (VerifyingContract is not null)
        {
            fields.Add(new("verifyingContract", "address"));
        }

        if (Salt is not null)
        {
            fields.Add(new("salt", "bytes32"));
        }

        return fields;
    }

    /// <summary>hashStruct(EIP712Domain).</summary>
    public Hash256 Separator()
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = Name,
            ["version"] = Version,
            ["chainId"] = ChainId,
            ["verifyingContract"] = VerifyingContract,
            ["salt"] = Salt,
        };
        var types = new Dictionary<string, IReadOnlyList<Eip712Field>>(StringComparer.Ordinal) { ["EIP712Domain"] = Fields() };
        return Eip712Hasher.HashStruct("EIP712Domain", types, values);
    }
}
