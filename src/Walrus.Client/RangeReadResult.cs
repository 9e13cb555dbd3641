namespace Walrus.Client;

/// <summary>
/// The result of <see cref="WalrusClient.ReadRangeAsync(Walrus.Core.BlobMetadataWithId, long, long, Stream, ReadOptions?, CancellationToken)"/>:
/// the bytes written, the systematic slivers fetched for them, and whether the read fell back to a full decode (a
/// systematic sliver could not be had, or a strict check was asked for).
/// </summary>
public sealed record RangeReadResult(long Bytes, int SliversFetched, bool FullDecode);
