using System.CommandLine;
using Walrus.Core;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Node;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus node deregister --config F [--yes]</c>: the node's owner takes it out of the network. It is not selected for
/// committees after this; it must keep running until the epoch change that hands its shards to their new owners is done;
/// its stakers can withdraw after that. The command says which epoch change that is and what to do then.
/// </summary>
internal static class NodeDeregisterCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The node's config file (its owner key signs).", Required = true };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (deregistration cannot be undone)." };
        var command = new Command("deregister", "Leave the network: deregister the node on chain; it hands its shards over at the next epoch change, then stake can be withdrawn.") { config, yes };
        command.SetAction(async (result, token) =>
        {
            try
            {
                return await RunAsync(result.GetValue(config)!, result.GetValue(yes), Console.Out, Console.Error, token);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or System.Text.Json.JsonException or HttpRequestException
                or Walrus.Chain.Abi.ContractRevertException or Walrus.Chain.Rpc.RpcException or Walrus.Chain.Rpc.RpcTransportException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    internal static async Task<int> RunAsync(FileInfo config, bool yes, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = NodeConfigFile.Read(config.FullName);
        using var signing = await KeyFile.ReadAsync(options.SigningKeyFile, cancellationToken);
        using var owner = await KeyFile.ReadAsync(options.OwnerKeyFile, cancellationToken);
        using var chain = await NodeChainClient.ConnectAsync(new Uri(options.RpcEndpoint), options.DeploymentFile, cancellationToken);
        var nodeId = await chain.FindNodeIdAsync(signing.Address, cancellationToken);
        if (nodeId == 0)
        {
            await error.WriteLineAsync($"error: no node is registered with signing address {signing.Address}.");
            return 1;
        }

        var services = chain.Services;
        if (await services.NodeRegistry.IsDeregisteredAsync(nodeId, cancellationToken: cancellationToken))
        {
            await output.WriteLineAsync($"node {nodeId} ({options.Name}) is already deregistered.");
        }
        else
        {
            if (!yes)
            {
                if (Console.IsInputRedirected)
                {
                    await error.WriteLineAsync($"error: deregistering node {nodeId} cannot be undone: no terminal to ask on; pass --yes to confirm.");
                    return 1;
                }

                await error.WriteAsync($"Deregister node {nodeId} ({options.Name})? It cannot be undone. [y/N] ");
                var answer = (await Console.In.ReadLineAsync(cancellationToken))?.Trim();
                if (answer is null || !(answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase)))
                {
                    await error.WriteLineAsync("not deregistered.");
                    return 1;
                }
            }

            await services.NodeRegistry.DeregisterNodeAsync(owner, nodeId, cancellationToken);
            await output.WriteLineAsync($"node {nodeId} ({options.Name}) deregistered: no committee after the ones already chosen will include it.");
        }

        await WriteNextStepsAsync(services, nodeId, output, cancellationToken);
        return 0;
    }

    /// <summary>Which committees still hold the node, so which epoch change hands its shards over, and what the operator does then.</summary>
    private static async Task WriteNextStepsAsync(WalrusChainClient chain, uint nodeId, TextWriter output, CancellationToken cancellationToken)
    {
        var state = await chain.GetSystemStateAsync(cancellationToken);
        var epoch = state.Epoch.Value;
        var inCurrent = (await chain.GetCommitteeAsync(state.Epoch, cancellationToken)).Members.FirstOrDefault(m => m.NodeId == nodeId);
        var inNext = state.State == EpochState.NextParamsSelected
            && (await chain.GetCommitteeAsync(new Epoch(epoch + 1), cancellationToken)).Members.Any(m => m.NodeId == nodeId);
        var lastEpoch = inNext ? epoch + 1 : inCurrent is not null ? epoch : (uint?)null;
        if (lastEpoch is { } last)
        {
            var shards = inCurrent?.Shards.Count ?? 0;
            var when = last == epoch ? $" (due {DateTimeOffset.FromUnixTimeSeconds((long)state.EpochChangeAt):u})" : "";
            await output.WriteLineAsync($"epoch {epoch} ({state.State}): the node holds {shards} shards and is in the committee up to epoch {last}.");
            await output.WriteLineAsync($"next: keep the node running. At the change to epoch {last + 1}{when} its shards move to their new owners, who pull them from it.");
            await output.WriteLineAsync($"      once `walrus health --committee` shows epoch {last + 1} with no epoch change in progress, the hand-over is done: stop the node.");
        }
        else
        {
            await output.WriteLineAsync($"epoch {epoch} ({state.State}): the node is in no committee and holds no shards; you can stop it now.");
        }

        await output.WriteLineAsync($"stake: its stakers (the owner too) withdraw with `walrus request-withdraw-stake --node-id {nodeId}`, then `walrus withdraw-stake` from the epoch it prints.");
    }
}
