namespace Walrus.Client;

/// <summary>
/// Progress of a read: the stage (<c>metadata</c>: verified, the length is known; <c>slivers</c>: systematic slivers
/// arrive and their bytes are written; <c>decoding</c>: the rows no systematic sliver brought are decoded and written,
/// and the consistency check runs; <c>done</c>), the bytes of the blob written to the output so far, and its length.
/// Reports are made in order, from the reading threads: an <see cref="IProgress{T}"/> that runs its handler at once sees
/// <see cref="BytesWritten"/> never decrease.
/// </summary>
public sealed record ReadProgress(string Stage, long BytesWritten, long BytesTotal);
