using Walrus.Core;

namespace Walrus.Client;

/// <summary>The blob id is marked invalid (inconsistently encoded) on chain or by the nodes, or failed the consistency check: no bytes are returned.</summary>
public sealed class BlobInvalidException : Exception
{
    public BlobInvalidException()
    {
    }

    public BlobInvalidException(string message)
        : base(message)
    {
    }

    public BlobInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BlobInvalidException(BlobId blobId, string why)
        : base($"blob {blobId} is invalid: {why}")
    {
        BlobId = blobId;
    }

    /// <summary>The blob id.</summary>
    public BlobId BlobId { get; }
}
