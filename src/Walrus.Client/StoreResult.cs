using System.Numerics;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>
/// The result of a store: the blob id, what happened, the blob object's id (null when already certified by someone
/// else's object we did not look up), the FROST paid by this call, the end epoch, the unencoded and encoded sizes,
/// and the HTTP requests sent to storage nodes.
/// </summary>
public sealed record StoreResult(
    BlobId BlobId,
    StoreOutcome Outcome,
    BigInteger? ObjectId,
    BigInteger Cost,
    Epoch EndEpoch,
    ulong UnencodedSize,
    long EncodedSize,
    bool Deletable,
    long NodeRequests)
{
    /// <summary>Whether nothing was stored because the blob id was already certified.</summary>
    public bool AlreadyCertified => Outcome == StoreOutcome.AlreadyCertified;

    /// <summary>Whether this call registered (and paid for) a new blob object.</summary>
    public bool NewlyCreated => Outcome == StoreOutcome.NewlyCreated;

    /// <summary>
    /// The store returns once a quorum confirmed and the blob is certified; this task completes when the uploads to the
    /// other nodes have ended too (or were stopped after <see cref="StoreOptions.RemainingUploadsTimeout"/>). Its result
    /// names each node that did not get everything (empty when every node holds its slivers). Await it before the
    /// process exits so that every node gets its slivers from the writer rather than through recovery.
    /// </summary>
    public Task<IReadOnlyList<string>> RemainingUploads { get; init; } = NoUploads;

    /// <summary>What was done on chain for the blob's storage; null when nothing was (already certified).</summary>
    public ResourceOperation? ResourceOperation { get; init; }

    /// <summary>Who owns the blob object after the store (the wallet, or <see cref="StoreOptions.SendObjectTo"/>); null when already certified by another.</summary>
    public Walrus.Chain.Address? Owner { get; init; }

    private static readonly Task<IReadOnlyList<string>> NoUploads = Task.FromResult<IReadOnlyList<string>>([]);
}
