namespace Walrus.Client;

/// <summary>
/// The result of a quilt read: the patches, the nodes that answered with metadata, slivers or symbols that did not
/// verify, the nodes that could not be reached, the HTTP requests sent to nodes, the secondary slivers (columns)
/// fetched directly and rebuilt from recovery symbols, and whether the read fell back to reading the whole quilt blob.
/// </summary>
public sealed record QuiltReadResult(
    IReadOnlyList<QuiltPatchRead> Patches,
    IReadOnlyList<string> Liars,
    IReadOnlyList<string> Unreachable,
    long NodeRequests,
    int ColumnsFetched,
    int ColumnsRecovered,
    bool FullRead);
