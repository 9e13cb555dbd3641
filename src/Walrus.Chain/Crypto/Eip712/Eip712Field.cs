namespace Walrus.Chain.Crypto.Eip712;

/// <summary>A member of an EIP-712 struct type: name and type (atomic, bytes, string, a struct name, or an array of these).</summary>
public sealed record Eip712Field(string Name, string Type);
