namespace Walrus.Chain.Abi;

/// <summary>A named parameter of a function, event or error; <paramref name="Indexed"/> only for event topics.</summary>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed = false)
{
    /// <summary>Shorthand for a parameter from a type name.</summary>
    public static AbiParameter Of(string name, string type, bool indexed = false) =>
        new(name, AbiType.Parse(type), indexed);
}
