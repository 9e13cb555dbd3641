using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Node;

/// <summary>
/// One PUT of many slivers of a blob (<see cref="NodeApiRoutes.Slivers"/>), fed record by record as the body arrives:
/// each record's header is checked (<see cref="BodyLimit"/>) before its data is read, each sliver is verified as the
/// single-sliver upload verifies it (<see cref="Add"/>), and verified slivers are written in synced groups of bounded size.
/// </summary>
public interface ISliverBatchUpload
{
    /// <summary>The most records one request may carry: both slivers of every pair the node owns for the blob.</summary>
    int MaxRecords { get; }

    /// <summary>The largest body the request may have (every record at its largest).</summary>
    long MaxBodyBytes { get; }

    /// <summary>
    /// Checks a record's pair index (in range, its shard owned by this node) and returns the exact largest valid body of
    /// that sliver; throws <see cref="NodeException"/> otherwise. Call before reading the record's data.
    /// </summary>
    long BodyLimit(int pairIndex, SliverType type);

    /// <summary>
    /// Verifies a sliver and keeps it for the next synced write (or buffers it when the blob is not registered yet); the
    /// batch owns <paramref name="body"/> from now on. Throws <see cref="NodeException"/> for an invalid sliver.
    /// </summary>
    void Add(int pairIndex, SliverType type, byte[] body);

    /// <summary>Writes what was verified so far (called before the request fails on a later record).</summary>
    void StoreVerified();

    /// <summary>Writes what is left and tells what happened to the records.</summary>
    SliverBatchOutcome Complete();
}
