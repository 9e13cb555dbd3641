using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Crypto.Eip712;
using Walrus.Chain.Generated;
using Walrus.Chain.Rpc;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>Node registration and staking.</summary>
public sealed partial class WalrusChainClient
{
    /// <summary>
    /// Registers a storage node owned by <paramref name="owner"/> with <paramref name="signingKey"/> (which
    /// signs the proof of possession for the current epoch) and creates its staking pool; returns the node id.
    /// </summary>
    public async Task<uint> RegisterNodeAsync(PrivateKey owner, PrivateKey signingKey, NodeRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(registration);
        var (epoch, _) = await GetEpochAsync(cancellationToken);
        var proof = signingKey.SignHash(WalrusMessages.ProofOfPossessionDigest(NodeRegistryDomainSeparator, epoch.Value, owner.Address, signingKey.Address));
        var receipt = await NodeRegistry.RegisterNodeAsync(owner, new NodeRegistryContract.NodeRegistration(
            registration.Name, registration.NetworkAddress, signingKey.Address, proof.ToBytes(), registration.CommissionBps,
            registration.StoragePriceVote, registration.WritePriceVote, registration.CapacityVote), cancellationToken);
        return Single<NodeRegistryContract.NodeRegisteredEvent>(receipt, NodeRegistryContract.TryDecodeNodeRegistered, "NodeRegistered").NodeId;
    }

    /// <summary>Stakes <paramref name="amount"/> FROST with a node (approving Staking first if needed); returns the position's token id.</summary>
    public async Task<BigInteger> StakeAsync(PrivateKey staker, uint nodeId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(staker);
        if (await Wal.AllowanceAsync(staker.Address, Deployment.Staking, cancellationToken: cancellationToken) < amount)
        {
            await Wal.ApproveAsync(staker, Deployment.Staking, MaxAllowance, cancellationToken);
        }

        var receipt = await Staking.StakeAsync(staker, nodeId, amount, cancellationToken);
        return Single<StakingContract.StakedEvent>(receipt, StakingContract.TryDecodeStaked, "Staked").TokenId;
    }

    /// <summary>Asks to withdraw a position; returns the epoch from which <see cref="WithdrawStakeAsync"/> succeeds.</summary>
    public async Task<Epoch> RequestWithdrawStakeAsync(PrivateKey staker, BigInteger tokenId, CancellationToken cancellationToken = default)
    {
        var receipt = await Staking.RequestWithdrawAsync(staker, tokenId, cancellationToken);
        foreach (var log in receipt.Logs)
        {
            if (StakingContract.TryDecodeWithdrawRequested(log, out var requested))
            {
                return new Epoch(requested.WithdrawEpoch);
            }
        }

        throw new InvalidOperationException("RequestWithdraw emitted no WithdrawRequested event.");
    }

    /// <summary>Withdraws a position whose withdrawal epoch has come; returns the FROST paid out.</summary>
    public async Task<BigInteger> WithdrawStakeAsync(PrivateKey staker, BigInteger tokenId, CancellationToken cancellationToken = default)
    {
        var receipt = await Staking.WithdrawAsync(staker, tokenId, cancellationToken);
        return Single<StakingContract.WithdrawnEvent>(receipt, StakingContract.TryDecodeWithdrawn, "Withdrawn").Amount;
    }

    /// <summary>Sets a node's price and capacity votes.</summary>
    public Task<TransactionReceipt> SetNodeVotesAsync(PrivateKey owner, uint nodeId, ulong storagePrice, ulong writePrice, ulong capacity, CancellationToken cancellationToken = default) =>
        Staking.SetVotesAsync(owner, nodeId, storagePrice, writePrice, capacity, cancellationToken);

    /// <summary>Schedules a new commission rate (basis points) for a node's pool.</summary>
    public Task<TransactionReceipt> SetCommissionAsync(PrivateKey owner, uint nodeId, ushort commissionBps, CancellationToken cancellationToken = default) =>
        Staking.SetCommissionAsync(owner, nodeId, commissionBps, cancellationToken);

    /// <summary>Collects a node's unlocked commission.</summary>
    public Task<TransactionReceipt> CollectCommissionAsync(PrivateKey owner, uint nodeId, CancellationToken cancellationToken = default) =>
        Staking.CollectCommissionAsync(owner, nodeId, cancellationToken);

    /// <summary>A node's pool.</summary>
    public Task<StakingContract.PoolView> GetPoolAsync(uint nodeId, CancellationToken cancellationToken = default) =>
        Staking.PoolInfoAsync(nodeId, cancellationToken: cancellationToken);
}
