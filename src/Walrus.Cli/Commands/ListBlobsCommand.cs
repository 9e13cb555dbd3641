using System.CommandLine;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus list-blobs [--include-expired]</c>: the wallet's blob objects with their state and end epochs.</summary>
internal static class ListBlobsCommand
{
    public static Command Create()
    {
        var includeExpired = new Option<bool>("--include-expired") { Description = "Also list blobs past their end epoch." };
        var command = new Command("list-blobs", "List the blob objects your wallet holds.") { includeExpired };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            var blobs = await client.ListBlobsAsync(result.GetValue(includeExpired), token);
            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartArray();
                    foreach (var blob in blobs)
                    {
                        BlobJson.Write(w, blob);
                    }

                    w.WriteEndArray();
                });
                return 0;
            }

            await CliOutput.WriteTableAsync(BlobJson.Headers, [.. blobs.Select(b => BlobJson.Row(b.Blob, b.State))], $"no blobs held by {client.Address}");
            return 0;
        }));
        return command.WithClientOptions();
    }
}
