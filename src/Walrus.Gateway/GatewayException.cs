namespace Walrus.Gateway;

/// <summary>A request the gateway answers with an AIP-193 error: a stable reason, its HTTP status and a message for people.</summary>
public sealed class GatewayException : Exception
{
    public GatewayException()
        : this(GatewayErrorReason.Internal, "Internal error.")
    {
    }

    public GatewayException(string message)
        : this(GatewayErrorReason.MalformedRequest, message)
    {
    }

    public GatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = GatewayErrorReason.Internal;
        StatusCode = 500;
    }

    /// <summary>An error with <paramref name="reason"/>'s usual status, or <paramref name="statusCode"/>.</summary>
    public GatewayException(string reason, string message, int? statusCode = null)
        : base(message)
    {
        Reason = reason;
        StatusCode = statusCode ?? GatewayErrorReason.HttpStatus(reason);
    }

    /// <summary>The stable reason (<see cref="GatewayErrorReason"/>).</summary>
    public string Reason { get; }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>Headers to add to the error response (e.g. Content-Range on 416).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
