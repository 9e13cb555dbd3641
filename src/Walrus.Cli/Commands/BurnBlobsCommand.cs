using System.CommandLine;
using System.Numerics;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus burn-blobs (--object-ids ID... | --all | --all-expired) [--yes]</c>: burn blob objects the wallet holds. The
/// object is gone and nothing is refunded; a certified blob's data stays available until its end epoch.
/// </summary>
internal static class BurnBlobsCommand
{
    public static Command Create()
    {
        var objectIds = new Option<string[]>("--object-ids", "--object-id") { Description = "Burn these blob objects.", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Burn every blob object you hold." };
        var allExpired = new Option<bool>("--all-expired") { Description = "Burn every expired blob object you hold." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var command = new Command("burn-blobs", "Burn blob objects you own (no refund; certified data stays until its end epoch).") { objectIds, all, allExpired, yes };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var given = (result.GetValue(objectIds) ?? []).Select(t => CliValues.ObjectId(t, "blob object id")).ToList();
            var choices = (given.Count > 0 ? 1 : 0) + (result.GetValue(all) ? 1 : 0) + (result.GetValue(allExpired) ? 1 : 0);
            if (choices != 1)
            {
                throw new ArgumentException("give exactly one of --object-ids, --all or --all-expired");
            }

            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            List<BigInteger> burn = given;
            if (given.Count == 0)
            {
                var owned = await client.ListBlobsAsync(includeExpired: true, token);
                burn = [.. owned.Where(b => result.GetValue(all) || b.State == OwnedBlobState.Expired).Select(b => b.Blob.ObjectId)];
            }

            if (burn.Count > 0 && !await ClientOptions.ConfirmAsync(result, result.GetValue(yes), $"Burn {burn.Count} blob object(s) ({string.Join(", ", burn.Select(CliOutput.Text))})? Nothing is refunded."))
            {
                await Console.Error.WriteLineAsync("nothing burned");
                return 1;
            }

            foreach (var id in burn)
            {
                await client.BurnBlobAsync(id, token);
            }

            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("burned");
                    foreach (var id in burn)
                    {
                        w.WriteStringValue(CliOutput.Text(id));
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return 0;
            }

            await Console.Out.WriteLineAsync(burn.Count == 0 ? "no blob objects to burn" : $"burned {burn.Count} blob object(s): {string.Join(", ", burn.Select(CliOutput.Text))}");
            return 0;
        }));
        return command.WithClientOptions();
    }
}
