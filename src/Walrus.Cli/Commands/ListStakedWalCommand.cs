using System.CommandLine;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus list-staked-wal [--staked-only | --withdrawing-only]</c>: the wallet's stake positions.</summary>
internal static class ListStakedWalCommand
{
    public static Command Create()
    {
        var stakedOnly = new Option<bool>("--staked-only") { Description = "Only positions not withdrawing (pending or active)." };
        var withdrawingOnly = new Option<bool>("--withdrawing-only") { Description = "Only positions withdrawing or withdrawable." };
        var command = new Command("list-staked-wal", "List the staked WAL positions your wallet holds.") { stakedOnly, withdrawingOnly };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            if (result.GetValue(stakedOnly) && result.GetValue(withdrawingOnly))
            {
                throw new ArgumentException("give at most one of --staked-only and --withdrawing-only");
            }

            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            var positions = (await client.ListStakedWalAsync(token))
                .Where(p => !result.GetValue(stakedOnly) || p.State is StakeState.Pending or StakeState.Active)
                .Where(p => !result.GetValue(withdrawingOnly) || p.State is StakeState.Withdrawing or StakeState.Withdrawable)
                .ToList();
            if (result.GetValue(ClientOptions.Json))
            {
                await StakeJson.WriteArrayAsync(positions);
                return 0;
            }

            await CliOutput.WriteTableAsync(StakeJson.Headers, [.. positions.Select(StakeJson.Row)], $"no staked WAL held by {client.Address}");
            return 0;
        }));
        return command.WithClientOptions();
    }
}
