namespace Walrus.Core;

/// <summary>
/// A blob is larger than RS2 can encode for the shard count: the symbol size would exceed 65,534 bytes
/// (<see cref="Encoding.EncodingConfig.MaxBlobSize"/>).
/// </summary>
public sealed class BlobTooLargeException : Exception
{
    public BlobTooLargeException()
        : this("The blob is too large to be encoded.")
    {
    }

    public BlobTooLargeException(string message)
        : base(message)
    {
    }

    public BlobTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BlobTooLargeException(long length, long maxLength, int shardCount)
        : base($"The blob is {length:N0} bytes; the maximum blob size for {shardCount} shards is {maxLength:N0} bytes.")
    {
        Length = length;
        MaxLength = maxLength;
        ShardCount = shardCount;
    }

    /// <summary>The blob length that was refused.</summary>
    public long Length { get; }

    /// <summary>The largest blob that can be encoded for <see cref="ShardCount"/> shards.</summary>
    public long MaxLength { get; }

    /// <summary>The shard count the blob was to be encoded for.</summary>
    public int ShardCount { get; }
}
