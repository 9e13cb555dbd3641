using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Generated;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>Staking WAL with storage nodes: stake, request withdrawal, withdraw, list positions.</summary>
public sealed partial class WalrusClient
{
    /// <summary>The smallest stake the contracts take: 1 WAL in FROST.</summary>
    public static readonly BigInteger MinStake = 1_000_000_000;

    /// <summary>
    /// Stakes <paramref name="amount"/> FROST with node <paramref name="nodeId"/> from the wallet (approving the Staking
    /// contract first if needed); the new position counts from its activation epoch (next epoch, or the one after once
    /// the next committee is selected).
    /// </summary>
    /// <exception cref="WalrusClientException">The amount is below 1 WAL, the wallet holds too little WAL, or the node does not exist.</exception>
    public async Task<StakePosition> StakeAsync(uint nodeId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var wallet = WalletFor("Staking");
        if (amount < MinStake)
        {
            throw new WalrusClientException($"a stake must be at least 1 WAL ({MinStake} FROST), not {amount} FROST");
        }

        var balance = await GetWalBalanceAsync(wallet.Address, cancellationToken);
        if (balance < amount)
        {
            throw new WalrusClientException($"your wallet {wallet.Address} holds {balance} FROST, less than the {amount} FROST to stake");
        }

        var tokenId = await Revert.TranslateAsync(() => Chain.StakeAsync(wallet, nodeId, amount, cancellationToken), nodeId, stake: true);
        var position = await Chain.Staking.PositionAsync(tokenId, cancellationToken: cancellationToken);
        var (epoch, _) = await Chain.GetEpochAsync(cancellationToken);
        return ToPosition(tokenId, position, epoch);
    }

    /// <summary>
    /// Asks to withdraw a position the wallet holds. Stake that no committee counts yet is paid back at once; otherwise
    /// the answer names the epoch from which <see cref="WithdrawStakeAsync"/> pays.
    /// </summary>
    /// <exception cref="WalrusClientException">The position does not exist, is not the wallet's, or is already withdrawing.</exception>
    public async Task<WithdrawRequest> RequestWithdrawStakeAsync(BigInteger tokenId, CancellationToken cancellationToken = default)
    {
        var wallet = WalletFor("Withdrawing stake");
        await GetOwnedPositionAsync(wallet, tokenId, cancellationToken);
        var receipt = await Revert.TranslateAsync(() => Chain.Staking.RequestWithdrawAsync(wallet, tokenId, cancellationToken), tokenId, stake: true);
        foreach (var log in receipt.Logs)
        {
            if (StakingContract.TryDecodeWithdrawRequested(log, out var requested))
            {
                return new WithdrawRequest(tokenId, new Epoch(requested.WithdrawEpoch), BigInteger.Zero);
            }

            if (StakingContract.TryDecodeWithdrawn(log, out var paid))
            {
                return new WithdrawRequest(tokenId, null, paid.Amount);
            }
        }

        throw new InvalidOperationException($"Transaction {receipt.TransactionHash} emitted neither WithdrawRequested nor Withdrawn.");
    }

    /// <summary>Withdraws a position whose withdraw epoch has come; returns the FROST paid (principal plus rewards).</summary>
    /// <exception cref="WalrusClientException">The position does not exist, is not the wallet's, is not withdrawing, or its epoch has not come.</exception>
    public async Task<BigInteger> WithdrawStakeAsync(BigInteger tokenId, CancellationToken cancellationToken = default)
    {
        var wallet = WalletFor("Withdrawing stake");
        var position = await GetOwnedPositionAsync(wallet, tokenId, cancellationToken);
        if (position.WithdrawEpoch is null)
        {
            throw new WalrusClientException($"stake position {tokenId} is not withdrawing: run request-withdraw-stake first");
        }

        return await Revert.TranslateAsync(() => Chain.WithdrawStakeAsync(wallet, tokenId, cancellationToken), tokenId, stake: true);
    }

    /// <summary>The wallet's stake positions (see <see cref="ListStakedWalAsync(Address, CancellationToken)"/>).</summary>
    public Task<IReadOnlyList<StakePosition>> ListStakedWalAsync(CancellationToken cancellationToken = default) =>
        ListStakedWalAsync(WalletFor("Listing your stake").Address, cancellationToken);

    /// <summary>The stake positions <paramref name="owner"/> holds, ascending by token id, read at one block.</summary>
    public async Task<IReadOnlyList<StakePosition>> ListStakedWalAsync(Address owner, CancellationToken cancellationToken = default)
    {
        var block = await Chain.Client.Eth.GetBlockNumberAsync(cancellationToken);
        var (epoch, _) = await Chain.GetEpochAsync(cancellationToken);
        var tokens = await GetOwnedTokensAsync(Chain.Deployment.StakedWal, StakedWalContract.Events.Transfer.Topic0, StakedWalContract.Functions.OwnerOf, owner,
            Chain.Deployment.Staking, StakingContract.Functions.Position, block, cancellationToken);
        var positions = new List<StakePosition>(tokens.Count);
        foreach (var (id, detail) in tokens)
        {
            var v = (object?[])detail[0]!;
            positions.Add(ToPosition(id, new StakingContract.PositionView((uint)v[0]!, (BigInteger)v[1]!, (uint)v[2]!, (uint)v[3]!, (BigInteger)v[4]!, (BigInteger)v[5]!), epoch));
        }

        return positions;
    }

    private async Task<StakePosition> GetOwnedPositionAsync(PrivateKey wallet, BigInteger tokenId, CancellationToken cancellationToken)
    {
        var owner = await Revert.TranslateAsync(() => Chain.StakedWal.OwnerOfAsync(tokenId, cancellationToken: cancellationToken), tokenId, stake: true);
        if (owner != wallet.Address)
        {
            throw new WalrusClientException($"stake position {tokenId} belongs to {owner}, not to your wallet {wallet.Address}: use that wallet (--wallet)");
        }

        var view = await Revert.TranslateAsync(() => Chain.Staking.PositionAsync(tokenId, cancellationToken: cancellationToken), tokenId, stake: true);
        var (epoch, _) = await Chain.GetEpochAsync(cancellationToken);
        return ToPosition(tokenId, view, epoch);
    }

    private static StakePosition ToPosition(BigInteger tokenId, StakingContract.PositionView v, Epoch current)
    {
        var state = v.WithdrawEpoch != 0 ? (current.Value >= v.WithdrawEpoch ? StakeState.Withdrawable : StakeState.Withdrawing)
            : v.ActivationEpoch > current.Value ? StakeState.Pending
            : StakeState.Active;
        return new StakePosition(tokenId, v.NodeId, v.Principal, v.Value, new Epoch(v.ActivationEpoch), v.WithdrawEpoch == 0 ? null : new Epoch(v.WithdrawEpoch), state);
    }
}
