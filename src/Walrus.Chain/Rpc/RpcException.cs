using System.Text.Json;

namespace Walrus.Chain.Rpc;

/// <summary>
/// A JSON-RPC error object returned by the node (code, message, optional data). For reverted calls
/// (eth_call, eth_estimateGas) <see cref="RevertData"/> holds the contract's revert bytes.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates the exception from the node's error object.</summary>
    public RpcException(string method, int code, string message, JsonElement? data)
        : base($"{method} failed: {message} (code {code})")
    {
        Method = method;
        Code = code;
        RpcMessage = message;
        Data = data;
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public RpcException()
        : this("unknown", 0, "unknown error", null)
    {
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public RpcException(string message)
        : this("unknown", 0, message, null)
    {
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
        RpcMessage = message;
    }

    /// <summary>The method that failed.</summary>
    public string Method { get; }

    /// <summary>JSON-RPC error code.</summary>
    public int Code { get; }

    /// <summary>The node's message.</summary>
    public string RpcMessage { get; }

    /// <summary>The error's data member, if any.</summary>
    public new JsonElement? Data { get; }

    /// <summary>Revert data when the error is a revert that carries it (data is a hex string, or an object with one).</summary>
    public byte[]? RevertData
    {
        get
        {
            if (Data is not { } data)
            {
                return null;
            }

            var hex = data.ValueKind switch
            {
                JsonValueKind.String => data.GetString(),
                JsonValueKind.Object when data.TryGetProperty("data", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
                _ => null,
            };
            if (hex is null || !hex.StartsWith("0x", StringComparison.Ordinal))
            {
                return null;
            }

            try
            {
                return Hex.Decode(hex);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    /// <summary>Whether the node says the call or transaction reverted.</summary>
    public bool IsRevert => Code == 3 || RpcMessage.Contains("revert", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the node rejected a transaction because its nonce was already used.</summary>
    public bool IsNonceTooLow =>
        RpcMessage.Contains("nonce too low", StringComparison.OrdinalIgnoreCase) ||
        RpcMessage.Contains("already known", StringComparison.OrdinalIgnoreCase) ||
        RpcMessage.Contains("replacement transaction underpriced", StringComparison.OrdinalIgnoreCase) ||
        RpcMessage.Contains("nonce has already been used", StringComparison.OrdinalIgnoreCase);
}
