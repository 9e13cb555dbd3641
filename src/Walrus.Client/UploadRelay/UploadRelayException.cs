using System.Net;

namespace Walrus.Client.UploadRelay;

/// <summary>An upload relay refused or failed an upload: its HTTP status and AIP-193 reason, and its message.</summary>
public sealed class UploadRelayException : Exception
{
    public UploadRelayException()
    {
    }

    public UploadRelayException(string message)
        : base(message)
    {
    }

    public UploadRelayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error answer of the relay.</summary>
    public UploadRelayException(Uri relay, HttpStatusCode statusCode, string? reason, string message)
        : base($"upload relay {relay}: {(int)statusCode} {reason ?? statusCode.ToString()}: {message}")
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status (0 when the relay's answer was not an error status but could not be used).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The AIP-193 reason, when the relay gave one.</summary>
    public string? Reason { get; }
}
