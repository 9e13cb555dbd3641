namespace Walrus.Chain.Rpc;

/// <summary>The node could not be reached or answered with something that is not JSON-RPC, after all retries.</summary>
public sealed class RpcTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RpcTransportException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RpcTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RpcTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
