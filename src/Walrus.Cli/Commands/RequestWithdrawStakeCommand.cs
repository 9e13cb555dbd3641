using System.CommandLine;
using System.Numerics;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus request-withdraw-stake (STAKED_WAL_ID... | --node-id N)</c>: ask to withdraw stake positions (given ones, or
/// all of yours with a node). Stake no committee counts yet is paid back at once; otherwise withdraw-stake pays from
/// the epoch printed.
/// </summary>
internal static class RequestWithdrawStakeCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("staked-wal-ids") { Description = "The stake positions (list-staked-wal shows them).", Arity = ArgumentArity.ZeroOrMore };
        var nodeId = new Option<uint?>("--node-id") { Description = "Every position of yours with this node that is not withdrawing yet." };
        var command = new Command("request-withdraw-stake", "Ask to withdraw staked WAL.") { ids, nodeId };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var given = (result.GetValue(ids) ?? []).Select(t => CliValues.ObjectId(t, "staked WAL id")).ToList();
            var node = result.GetValue(nodeId);
            if (given.Count == 0 == (node is null))
            {
                throw new ArgumentException("give either staked WAL ids or --node-id");
            }

            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            List<BigInteger> tokens = given;
            if (node is { } n)
            {
                var positions = await client.ListStakedWalAsync(token);
                tokens = [.. positions.Where(p => p.NodeId == n && p.State is StakeState.Pending or StakeState.Active).Select(p => p.TokenId)];
                if (tokens.Count == 0)
                {
                    throw new WalrusClientException($"you hold no stake with node {n} that is not already withdrawing: see list-staked-wal");
                }
            }

            var answers = new List<WithdrawRequest>(tokens.Count);
            foreach (var id in tokens)
            {
                answers.Add(await client.RequestWithdrawStakeAsync(id, token));
            }

            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartArray();
                    foreach (var a in answers)
                    {
                        w.WriteStartObject();
                        w.WriteString("stakedWalId", CliOutput.Text(a.TokenId));
                        if (a.WithdrawEpoch is { } epoch)
                        {
                            w.WriteNumber("withdrawEpoch", epoch.Value);
                        }
                        else
                        {
                            w.WriteNull("withdrawEpoch");
                        }

                        w.WriteString("paidNow", CliOutput.Text(a.PaidNow));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return 0;
            }

            foreach (var a in answers)
            {
                await Console.Out.WriteLineAsync(a.WithdrawEpoch is { } epoch
                    ? $"staked WAL {a.TokenId}: withdrawing; run withdraw-stake {a.TokenId} from epoch {epoch.Value} on"
                    : $"staked WAL {a.TokenId}: not yet counted by any committee, so {CliOutput.Wal(a.PaidNow)} was paid back at once");
            }

            return 0;
        }));
        return command.WithClientOptions();
    }
}
