using Microsoft.Extensions.Logging;
using Walrus.Chain.Crypto;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Recovery;

/// <summary>
/// Turns an inconsistency proof into an on-chain invalidation: asks every committee member to check the proof, keeps the
/// attestations whose signature recovers to the member's signing address for this epoch and blob, and submits them once
/// they are worth f+1 shards.
/// </summary>
public sealed class InconsistencyReporter(StorageNodeService node, PeerClient peers, NodeChainClient chain, PrivateKey transactionKey, ILogger logger)
{
    /// <summary>Collects attestations and submits the invalidation.</summary>
    public async Task ReportAsync(BlobId blobId, InconsistencyProof proof, CancellationToken cancellationToken)
    {
        var committee = node.Committee ?? throw new InvalidOperationException("No committee.");
        var signatures = new Dictionary<uint, byte[]>();
        foreach (var member in committee.Members)
        {
            SignedMessage? signed;
            try
            {
                signed = await peers.SubmitInconsistencyProofAsync(member.NetworkAddress, blobId, proof, cancellationToken);
            }
            catch (HttpRequestException)
            {
                continue;
            }

            if (signed is not null && InvalidBlobMessage.TryParse(signed.SerializedMessage, out var message)
                && message.BlobId == blobId && message.Epoch == committee.Epoch && node.Signer.VerifyFrom(signed, member.SigningAddress))
            {
                signatures[member.NodeId] = signed.Signature;
            }
        }

        if (await chain.InvalidateBlobAsync(transactionKey, committee.Epoch, blobId, signatures, cancellationToken))
        {
            Log.Invalidated(logger, blobId, signatures.Count);
        }
    }
}
