namespace Walrus.Core.Encoding;

/// <summary>A decoded blob, or why there is none.</summary>
public sealed record BlobDecodeResult(BlobDecodeStatus Status, byte[]? Blob, string? Error)
{
    /// <summary>Whether <see cref="Blob"/> holds the decoded blob.</summary>
    public bool IsSuccess => Status == BlobDecodeStatus.Decoded;

    internal static BlobDecodeResult Failure(BlobDecodeStatus status, string error) => new(status, null, error);
}
