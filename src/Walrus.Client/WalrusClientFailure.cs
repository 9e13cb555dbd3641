namespace Walrus.Client;

/// <summary>What kind of failure a <see cref="WalrusClientException"/> reports, for callers that answer each differently (an HTTP gateway's status code).</summary>
public enum WalrusClientFailure
{
    /// <summary>Any other failure; the message says what and why.</summary>
    Other,

    /// <summary>Too few shards' nodes confirmed an upload for a certificate (a quorum needs 2f+1).</summary>
    InsufficientConfirmations,
}
