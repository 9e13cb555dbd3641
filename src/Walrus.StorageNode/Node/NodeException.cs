using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Node;

/// <summary>An expected failure of a node operation, with its stable API reason (<see cref="NodeErrorReason"/>).</summary>
public sealed class NodeException : Exception
{
    public NodeException(string reason, string message)
        : base(message)
    {
        Reason = reason;
        HttpStatus = NodeErrorReason.HttpStatus(reason);
    }

    /// <summary>A failure whose reason is the node's own (not in <see cref="NodeErrorReason"/>), with its HTTP status.</summary>
    public NodeException(string reason, string message, int httpStatus)
        : base(message)
    {
        Reason = reason;
        HttpStatus = httpStatus;
    }

    public NodeException()
        : this(NodeErrorReason.Internal, "Internal error.")
    {
    }

    public NodeException(string message)
        : this(NodeErrorReason.Internal, message)
    {
    }

    public NodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = NodeErrorReason.Internal;
        HttpStatus = 500;
    }

    /// <summary>The stable reason.</summary>
    public string Reason { get; }

    /// <summary>The HTTP status of the reason.</summary>
    public int HttpStatus { get; }
}
