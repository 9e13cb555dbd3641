using System.Text.Json;

namespace Walrus.Chain.Rpc;

/// <summary>
/// A JSON-RPC error object returned by the node (code, message, optional data). For reverted calls
/// (eth_call, eth_estimateGas) <see cref="RevertData"/> holds the contract's revert bytes. A reply that is not
/// well-formed JSON-RPC (or whose result does not have the expected shape) is the subtype
/// <see cref="RpcMalformedResponseException"/>.
/// </summary>
public class RpcException : Exception
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

    /// <summary>For <see cref="RpcMalformedResponseException"/>: a reply of <paramref name="method"/> that is not well-formed.</summary>
    private protected RpcException(string method, string problem, Exception? innerException)
        : base($"{method}: malformed reply: {problem}", innerException)
    {
        Method = method;
        RpcMessage = problem;
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

    /// <summary>Whether this is the node's own error object (false for a malformed reply).</summary>
    public virtual bool IsNodeError => true;

    /// <summary>Whether the node says the call or transaction reverted.</summary>
    public bool IsRevert => IsNodeError && (Code == 3 || RpcMessage.Contains("revert", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the node already holds exactly this transaction (same hash) in its pool.</summary>
    public bool IsAlreadyKnown => IsNodeError &&
        (RpcMessage.Contains("already known", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("known transaction", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("alreadyknown", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the node refused a transaction because its nonce was already mined.</summary>
    public bool IsNonceTooLow => IsNodeError &&
        (RpcMessage.Contains("nonce too low", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("nonce has already been used", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("oldnonce", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the node's pool holds another transaction with the same nonce and the new one does not outbid it.</summary>
    public bool IsReplacementUnderpriced => IsNodeError &&
        (RpcMessage.Contains("replacement transaction underpriced", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("replacement fee too low", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("replacementnotallowed", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether an eth_getLogs provider refused the query for its size (block range too wide, too many results,
    /// response too big); a narrower range may succeed.
    /// </summary>
    public bool IsLogRangeTooLarge => IsNodeError &&
        (Code == -32005 ||
         RpcMessage.Contains("range", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("too many", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("more than", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("limit exceeded", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("response size", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("too large", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the node refused a transaction for its fee cap being below the block's base fee.</summary>
    public bool IsFeeCapTooLow => IsNodeError &&
        (RpcMessage.Contains("fee cap less than block base fee", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("max fee per gas less than block base fee", StringComparison.OrdinalIgnoreCase) ||
         RpcMessage.Contains("feecaptoolow", StringComparison.OrdinalIgnoreCase));
}
