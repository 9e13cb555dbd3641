using Walrus.Core;

namespace Walrus.Client.UploadRelay;

/// <summary>The bytes handed to an upload relay encode to another blob id than the one the upload names.</summary>
public sealed class BlobIdMismatchException : Exception
{
    public BlobIdMismatchException()
    {
    }

    public BlobIdMismatchException(string message)
        : base(message)
    {
    }

    public BlobIdMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BlobIdMismatchException(BlobId expected, BlobId actual)
        : base($"the body encodes to blob id {actual}, not {expected}")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The blob id the upload named.</summary>
    public BlobId Expected { get; }

    /// <summary>The blob id of the bytes.</summary>
    public BlobId Actual { get; }
}
