using System.Text.Json;

namespace Walrus.Chain.Rpc;

/// <summary>The outcome of one call in a batch: a result, or the node's error.</summary>
public sealed record RpcResult(JsonElement Result, RpcException? Error)
{
    /// <summary>The result, or the error thrown.</summary>
    public JsonElement GetResultOrThrow() => Error is null ? Result : throw Error;
}
