using System.Net;
using Walrus.Chain;
using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>
/// A storage node's claim that a blob is invalid (410 BLOB_INVALID): one node alone is not trusted, since a single
/// Byzantine node could otherwise block every read of a good blob. The chain decides: only a blob id marked invalid on
/// chain is reported invalid; otherwise the claiming node is a liar for this read.
/// </summary>
public sealed partial class WalrusClient
{
    /// <summary>Whether <paramref name="e"/> is a node's claim that the blob is invalid.</summary>
    internal static bool IsInvalidClaim(NodeApiException e) => e.StatusCode == HttpStatusCode.Gone || e.Reason == NodeErrorReason.BlobInvalid;

    /// <summary>Checks a node's invalidity claim against the chain (asked again: the mark may have landed since the read began).</summary>
    internal async Task<bool> InvalidOnChainAsync(BlobId blobId, CancellationToken cancellationToken) =>
        await Chain.BlobRegistry.IsInvalidAsync(blobId.ToHash256(), cancellationToken: cancellationToken);
}
