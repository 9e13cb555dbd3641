using System.CommandLine;
using System.Numerics;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus withdraw-stake STAKED_WAL_ID...</c>: pay out withdrawing positions whose withdraw epoch has come.</summary>
internal static class WithdrawStakeCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("staked-wal-ids") { Description = "The stake positions (list-staked-wal shows them).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("withdraw-stake", "Withdraw staked WAL whose withdraw epoch has come.") { ids };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var tokens = (result.GetValue(ids) ?? []).Select(t => CliValues.ObjectId(t, "staked WAL id")).ToList();
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            var paid = new List<(BigInteger Id, BigInteger Amount)>(tokens.Count);
            foreach (var id in tokens)
            {
                paid.Add((id, await client.WithdrawStakeAsync(id, token)));
            }

            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartArray();
                    foreach (var (id, amount) in paid)
                    {
                        w.WriteStartObject();
                        w.WriteString("stakedWalId", CliOutput.Text(id));
                        w.WriteString("amount", CliOutput.Text(amount));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return 0;
            }

            foreach (var (id, amount) in paid)
            {
                await Console.Out.WriteLineAsync($"withdrew staked WAL {id}: {CliOutput.Wal(amount)} paid to your wallet");
            }

            return 0;
        }));
        return command.WithClientOptions();
    }
}
