namespace Walrus.Chain.Rpc;

/// <summary>One call in a batch: method name and a writer of its parameters (null for none).</summary>
public sealed record RpcRequest(string Method, RpcParams? Params = null);
