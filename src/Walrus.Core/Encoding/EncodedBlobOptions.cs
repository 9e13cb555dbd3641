namespace Walrus.Core.Encoding;

/// <summary>How an <see cref="EncodedBlob"/> or a <see cref="StreamingEncodedBlob"/> trades memory for work. The slivers never depend on these.</summary>
public sealed record EncodedBlobOptions
{
    /// <summary>The defaults: hold the non-systematic primary slivers in bands of at most half the blob (at least 16 MiB).</summary>
    public static EncodedBlobOptions Default { get; } = new();

    /// <summary>Hold every sliver's data: about 2 x the blob besides the blob itself, no recomputation.</summary>
    public static EncodedBlobOptions MaterializeAll { get; } = new() { MaxPrimaryBandBytes = long.MaxValue };

    /// <summary>
    /// The most memory held for primary slivers n_p..n-1 (rows of the expanded matrix below the message; together about
    /// 2 x the blob). When they do not fit, they are recomputed band by band as they are requested, one column encode
    /// per band (the first band comes free with the metadata); requesting pairs in index order computes each band once.
    /// Null: half the blob, at least 16 MiB, so that an encode peaks near 2.1 x the blob, the blob itself included.
    /// </summary>
    public long? MaxPrimaryBandBytes { get; init; }

    /// <summary>
    /// For a streaming encode (<see cref="StreamingEncodedBlob"/>): the buffer that slabs of rows or columns of the blob
    /// are read into from the file or stream. Default 32 MiB; at least one row or column is read at a time.
    /// </summary>
    public long ReadBufferBytes { get; init; } = 32L << 20;
}
