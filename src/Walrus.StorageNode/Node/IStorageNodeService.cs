using System.Numerics;
using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Node;

/// <summary>
/// Everything the HTTP layer may ask of the node. Expected failures throw <see cref="NodeException"/> with a stable reason;
/// the HTTP layer turns them into AIP-193 bodies.
/// </summary>
public interface IStorageNodeService
{
    /// <summary>The largest metadata body to accept for a blob (checked before reading the body).</summary>
    long MetadataBodyLimit(BlobId blobId, bool pending);

    /// <summary>Verifies and stores BCS BlobMetadata.</summary>
    StoreOutcome StoreMetadata(BlobId blobId, ReadOnlySpan<byte> body, bool pending);

    /// <summary>BCS BlobMetadataWithId.</summary>
    byte[] GetMetadata(BlobId blobId);

    /// <summary>Whether the metadata is stored, buffered or absent.</summary>
    StoredOnNodeStatus GetMetadataStatus(BlobId blobId);

    /// <summary>
    /// Checks everything that can be checked before the body is read (blob registered or pending allowed, index in range,
    /// shard owned, metadata present) and returns the exact largest valid body length.
    /// </summary>
    long SliverBodyLimit(BlobId blobId, int pairIndex, SliverType type, bool pending);

    /// <summary>Verifies and stores a BCS SliverData.</summary>
    StoreOutcome StoreSliver(BlobId blobId, SliverPairIndex pair, SliverType type, ReadOnlyMemory<byte> body, bool pending);

    /// <summary>
    /// Starts a PUT of many slivers of a blob: checks what can be checked before the body is read (blob registered or
    /// pending allowed, metadata present); the records are then checked, verified and stored through the returned batch.
    /// </summary>
    ISliverBatchUpload BeginSliverBatch(BlobId blobId, bool pending);

    /// <summary>The stored BCS SliverData.</summary>
    byte[] GetSliver(BlobId blobId, int pairIndex, SliverType type);

    /// <summary>Whether a sliver is stored, buffered or absent.</summary>
    StoredOnNodeStatus GetSliverStatus(BlobId blobId, int pairIndex, SliverType type);

    /// <summary>A signed confirmation (permanent when <paramref name="objectId"/> is null), optionally waiting for the registration.</summary>
    Task<SignedMessage> ConfirmAsync(BlobId blobId, BigInteger? objectId, TimeSpan waitForRegistration, CancellationToken cancellationToken);

    /// <summary>BCS Vec&lt;GeneralRecoverySymbol&gt; for explicit symbol ids.</summary>
    Task<byte[]> GetRecoverySymbolsAsync(BlobId blobId, IReadOnlyList<SymbolId> ids, CancellationToken cancellationToken);

    /// <summary>BCS Vec&lt;GeneralRecoverySymbol&gt;: this node's symbols for rebuilding one sliver.</summary>
    Task<byte[]> GetRecoverySymbolsForTargetAsync(BlobId blobId, int targetIndex, SliverType targetType, CancellationToken cancellationToken);

    /// <summary>BCS BTreeMap&lt;u16, Vec&lt;EitherDecodingSymbol&gt;&gt; for the target slivers.</summary>
    Task<byte[]> GetDecodingSymbolsAsync(BlobId blobId, IReadOnlyList<int> targets, SliverType targetType, CancellationToken cancellationToken);

    /// <summary>The largest inconsistency-proof body to accept.</summary>
    long InconsistencyProofBodyLimit(BlobId blobId);

    /// <summary>Checks an inconsistency proof and signs an invalid-blob attestation when it holds.</summary>
    SignedMessage VerifyInconsistencyProof(BlobId blobId, SliverType targetType, ReadOnlySpan<byte> body);

    /// <summary>The blob's status.</summary>
    BlobStatus GetBlobStatus(BlobId blobId);

    /// <summary>
    /// Answers a signed shard-sync request (BCS, <see cref="Epochs.SyncShardWire"/>) from the node that owns the shard in the
    /// current epoch with a page of this node's slivers of that shard (locked here since the epoch change).
    /// </summary>
    byte[] SyncShard(ReadOnlySpan<byte> body);

    /// <summary>Node health.</summary>
    NodeHealth GetHealth(bool detailed);
}
