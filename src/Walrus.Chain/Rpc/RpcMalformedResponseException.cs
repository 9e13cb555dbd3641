namespace Walrus.Chain.Rpc;

/// <summary>
/// The node's reply to <see cref="RpcException.Method"/> is not what JSON-RPC or the method promises: not JSON, not a
/// JSON-RPC object, the wrong id, neither result nor error, a result of the wrong shape (a missing member, a
/// string where a number belongs, bad hex, ABI data that does not decode), or a body over the size cap. Every
/// such reply surfaces as this one type. The request may have reached the node: for a transaction the outcome is
/// unknown.
/// </summary>
public sealed class RpcMalformedResponseException : RpcException
{
    /// <summary>Creates the exception for <paramref name="method"/>.</summary>
    public RpcMalformedResponseException(string method, string problem, Exception? innerException = null)
        : base(method, problem, innerException)
    {
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public RpcMalformedResponseException()
        : this("unknown", "malformed reply")
    {
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public RpcMalformedResponseException(string message)
        : this("unknown", message)
    {
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public RpcMalformedResponseException(string message, Exception innerException)
        : this("unknown", message, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsNodeError => false;
}
