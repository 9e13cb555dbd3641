using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>Epoch transitions (permissionless, driven by nodes) and governance.</summary>
public sealed partial class WalrusChainClient
{
    /// <summary>Ends voting: selects the next committee and parameters (from half an epoch after EpochChangeDone).</summary>
    public Task<TransactionReceipt> VotingEndAsync(PrivateKey sender, CancellationToken cancellationToken = default) =>
        System.VotingEndAsync(sender, cancellationToken);

    /// <summary>Starts the next epoch (one epoch after EpochChangeDone).</summary>
    public Task<TransactionReceipt> InitiateEpochChangeAsync(PrivateKey sender, CancellationToken cancellationToken = default) =>
        System.InitiateEpochChangeAsync(sender, cancellationToken);

    /// <summary>A committee member (its owner or signing key) attests that it holds its shards of <paramref name="epoch"/>.</summary>
    public Task<TransactionReceipt> EpochSyncDoneAsync(PrivateKey nodeOwnerOrSigner, uint nodeId, Epoch epoch, CancellationToken cancellationToken = default) =>
        System.EpochSyncDoneAsync(nodeOwnerOrSigner, nodeId, epoch.Value, cancellationToken);

    /// <summary>Proposes a parameter change (Governance parameter codes) as the owner of committee node <paramref name="proposerNodeId"/>; returns the proposal id.</summary>
    public async Task<System.Numerics.BigInteger> ProposeParameterAsync(PrivateKey proposer, uint proposerNodeId, byte parameter, System.Numerics.BigInteger value, CancellationToken cancellationToken = default)
    {
        var receipt = await Governance.ProposeParameterAsync(proposer, proposerNodeId, parameter, value, cancellationToken);
        return Single<Generated.GovernanceContract.ParameterProposedEvent>(receipt, Generated.GovernanceContract.TryDecodeParameterProposed, "ParameterProposed").Id;
    }

    /// <summary>A node's vote on a proposal, weighted by its shards.</summary>
    public Task<TransactionReceipt> VoteOnProposalAsync(PrivateKey nodeOwner, System.Numerics.BigInteger proposalId, uint nodeId, bool support, CancellationToken cancellationToken = default) =>
        Governance.VoteAsNodeAsync(nodeOwner, proposalId, nodeId, support, cancellationToken);

    /// <summary>Queues a proposal that reached its thresholds (in its epoch); it becomes executable after the timelock.</summary>
    public Task<TransactionReceipt> QueueProposalAsync(PrivateKey sender, System.Numerics.BigInteger proposalId, CancellationToken cancellationToken = default) =>
        Governance.QueueAsync(sender, proposalId, cancellationToken);

    /// <summary>Executes a queued proposal once its timelock passed.</summary>
    public Task<TransactionReceipt> ExecuteProposalAsync(PrivateKey sender, System.Numerics.BigInteger proposalId, CancellationToken cancellationToken = default) =>
        Governance.ExecuteAsync(sender, proposalId, cancellationToken);

    /// <summary>A committee node votes to slash another node with a recorded failure (this or the previous epoch).</summary>
    public Task<TransactionReceipt> VoteForSlashingAsync(PrivateKey voterOwner, uint voterNodeId, uint targetNodeId, CancellationToken cancellationToken = default) =>
        Slashing.VoteForSlashingAsync(voterOwner, voterNodeId, targetNodeId, cancellationToken);

    /// <summary>Slashes a node whose slashing votes reached a quorum.</summary>
    public Task<TransactionReceipt> ExecuteSlashingAsync(PrivateKey sender, uint targetNodeId, CancellationToken cancellationToken = default) =>
        Slashing.ExecuteSlashingAsync(sender, targetNodeId, cancellationToken);
}
