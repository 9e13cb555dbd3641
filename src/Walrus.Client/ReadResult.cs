using Walrus.Core;

namespace Walrus.Client;

/// <summary>
/// The result of a read: the blob id, its length, the nodes (network addresses) that answered with metadata or slivers
/// that did not verify, the nodes that could not be reached, and the HTTP requests sent.
/// </summary>
public sealed record ReadResult(BlobId BlobId, long Length, IReadOnlyList<string> Liars, IReadOnlyList<string> Unreachable, long NodeRequests);
