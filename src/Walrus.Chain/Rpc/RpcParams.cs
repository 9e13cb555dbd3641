using System.Text.Json;

namespace Walrus.Chain.Rpc;

/// <summary>Writes the items of a request's <c>params</c> array.</summary>
public delegate void RpcParams(Utf8JsonWriter writer);
