using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Walrus.Chain.Abi;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Chain.Services;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Epochs;

/// <summary>
/// Drives the permissionless epoch transitions: once half an epoch has passed since EpochChangeDone it calls votingEnd,
/// once a whole epoch has passed it calls initiateEpochChange. Every node runs this; each waits a random delay (up to
/// <see cref="StorageNodeOptions.EpochCrankJitterMillis"/>) after a transition is due and checks again, so usually one
/// node pays the gas. A call that reverts (too early, done already by another node) costs nothing: the revert shows in
/// the gas estimate and no transaction is sent.
/// </summary>
public sealed class EpochCrank(NodeChainClient chain, PrivateKey sender, StorageNodeOptions options, ILogger logger, TimeProvider time)
{
    private const string VotingEnd = "votingEnd";
    private const string InitiateEpochChange = "initiateEpochChange";

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
                try
                {
                    await TickAsync(cancellationToken);
                }
                catch (Exception e) when (e is ContractRevertException or RpcException or RpcTransportException or HttpRequestException or TimeoutException or InvalidOperationException)
                {
                    Log.CrankSkipped(logger, "epoch transition", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var due = Due(await chain.GetSystemStateAsync(cancellationToken));
        if (due is null)
        {
            return;
        }

        var jitter = options.EpochCrankJitterMillis > 0 ? RandomNumberGenerator.GetInt32(options.EpochCrankJitterMillis) : 0;
        await Task.Delay(TimeSpan.FromMilliseconds(jitter), time, cancellationToken);
        var state = await chain.GetSystemStateAsync(cancellationToken);
        if (Due(state) != due)
        {
            Log.CrankSkipped(logger, due, "another node called it first");
            return;
        }

        if (due == VotingEnd)
        {
            await chain.VotingEndAsync(sender, cancellationToken);
        }
        else
        {
            await chain.InitiateEpochChangeAsync(sender, cancellationToken);
        }

        Log.CrankCalled(logger, due, state.Epoch.Value);
    }

    /// <summary>The transition that is due now, or null. Uses the wall clock: anvil's and most chains' blocks carry it.</summary>
    private string? Due(SystemState state)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return state.State switch
        {
            EpochState.EpochChangeDone when now >= state.VotingEndAt => VotingEnd,
            EpochState.NextParamsSelected when now >= state.EpochChangeAt => InitiateEpochChange,
            _ => null,
        };
    }
}
