using Walrus.Chain.Abi;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Chain.Services;

namespace Walrus.Testbed;

public sealed partial class LocalNetwork
{
    /// <summary>
    /// Nobody else ends voting or starts an epoch change on a local chain: every second, once the chain's clock (anvil's
    /// blocks carry the wall clock) passes the voting end, call votingEnd; once it passes the epoch change time, call
    /// initiateEpochChange. The nodes attest their sync themselves.
    /// </summary>
    private async Task DriveEpochsAsync(CancellationToken cancellationToken)
    {
        using var deployer = PrivateKey.FromHex(DeployerKey);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            try
            {
                var state = await Chain.GetSystemStateAsync(cancellationToken);
                var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                if (state.State == EpochState.EpochChangeDone && now >= state.VotingEndAt)
                {
                    await Chain.VotingEndAsync(deployer, cancellationToken);
                }
                else if (state.State == EpochState.NextParamsSelected && now >= state.EpochChangeAt)
                {
                    await Chain.InitiateEpochChangeAsync(deployer, cancellationToken);
                    await RefreshShardsAsync(cancellationToken);
                }
            }
            catch (Exception e) when (e is ContractRevertException or RpcException or RpcTransportException or HttpRequestException or InvalidOperationException or TimeoutException)
            {
                // The chain's clock lags the wall clock by up to a block, or the chain is going down: try again next round.
            }
        }
    }
}
