namespace Walrus.Client;

/// <summary>A store or read could not be done (too few nodes answered, the quote exceeds the maximum cost, the blob is not found...); the message says what and why.</summary>
public sealed class WalrusClientException : Exception
{
    public WalrusClientException()
    {
    }

    public WalrusClientException(string message)
        : base(message)
    {
    }

    public WalrusClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The kind of failure (so a caller need not read the message).</summary>
    public WalrusClientFailure Failure { get; init; }
}
