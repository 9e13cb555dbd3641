using System.CommandLine;
using System.Numerics;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus stake --node-ids N... [--amounts FROST...]</c>: stake WAL with storage nodes, one position per node. One
/// amount applies to every node; otherwise one amount per node. Default 1 WAL (1000000000 FROST), the minimum.
/// </summary>
internal static class StakeCommand
{
    public static Command Create()
    {
        var nodeIds = new Option<uint[]>("--node-ids", "--node-id") { Description = "The storage nodes to stake with (`walrus info` lists them).", Required = true, AllowMultipleArgumentsPerToken = true };
        var amounts = new Option<string[]>("--amounts", "--amount") { Description = "FROST to stake: one for all nodes or one per node (default 1000000000 = 1 WAL).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("stake", "Stake WAL with storage nodes.") { nodeIds, amounts };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var nodes = result.GetValue(nodeIds) ?? [];
            var given = (result.GetValue(amounts) ?? []).Select(CliValues.Frost).ToList();
            if (given.Count > 1 && given.Count != nodes.Length)
            {
                throw new ArgumentException($"give one amount for all nodes or one per node: {nodes.Length} node(s), {given.Count} amounts");
            }

            var plan = nodes.Select((n, i) => (Node: n, Amount: given.Count == 0 ? WalrusClient.MinStake : given[given.Count == 1 ? 0 : i])).ToList();
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            var total = plan.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Amount);
            var balance = await client.GetWalBalanceAsync(client.Address!.Value, token);
            if (balance < total)
            {
                throw new WalrusClientException($"your wallet {client.Address} holds {CliOutput.Wal(balance)}, less than the {CliOutput.Wal(total)} to stake: nothing was staked");
            }

            var positions = new List<StakePosition>(plan.Count);
            foreach (var (node, amount) in plan)
            {
                positions.Add(await client.StakeAsync(node, amount, token));
            }

            if (result.GetValue(ClientOptions.Json))
            {
                await StakeJson.WriteArrayAsync(positions);
                return 0;
            }

            foreach (var p in positions)
            {
                await Console.Out.WriteLineAsync($"staked {CliOutput.Wal(p.Principal)} with node {p.NodeId}: staked WAL id {p.TokenId}, counted from epoch {p.ActivationEpoch.Value}");
            }

            return 0;
        }));
        return command.WithClientOptions();
    }
}
