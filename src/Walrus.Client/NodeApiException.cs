using System.Net;

namespace Walrus.Client;

/// <summary>
/// A storage node answered with an error: the HTTP status and, when the body is Walrus's AIP-193 error, its stable
/// reason (<see cref="Core.NodeApi.NodeErrorReason"/>) and message.
/// </summary>
public sealed class NodeApiException : Exception
{
    public NodeApiException()
    {
    }

    public NodeApiException(string message)
        : base(message)
    {
    }

    public NodeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error answer of <paramref name="node"/>.</summary>
    public NodeApiException(string node, HttpStatusCode statusCode, string? reason, string message)
        : base($"node {node}: {(int)statusCode} {reason ?? statusCode.ToString()}: {message}")
    {
        Node = node;
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The node's network address.</summary>
    public string Node { get; } = "";

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The AIP-193 reason (e.g. <c>SLIVER_NOT_FOUND</c>), or null if the body had none.</summary>
    public string? Reason { get; }
}
