using System.CommandLine;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus extend --blob-obj-id ID --epochs N [--max-cost FROST]</c>: pay for more epochs of a certified blob object.</summary>
internal static class ExtendCommand
{
    public static Command Create()
    {
        var objectId = new Option<string>("--blob-obj-id") { Description = "The blob object to extend (list-blobs shows them).", Required = true };
        var epochs = new Option<uint>("--epochs", "--epochs-extended") { Description = "How many epochs to add to its end epoch.", Required = true };
        var maxCost = new Option<string?>("--max-cost") { Description = "Refuse to pay more than this many FROST (default: the current quote)." };
        var command = new Command("extend", "Extend a certified blob's storage by some epochs.") { objectId, epochs, maxCost };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var id = CliValues.ObjectId(result.GetValue(objectId)!, "blob object id");
            var limit = result.GetValue(maxCost) is { } text ? CliValues.Frost(text) : (System.Numerics.BigInteger?)null;
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            var extension = await client.ExtendBlobAsync(id, result.GetValue(epochs), limit, token);
            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("objectId", CliOutput.Text(extension.ObjectId));
                    w.WriteString("blobId", extension.BlobId.ToString());
                    w.WriteNumber("previousEndEpoch", extension.PreviousEndEpoch.Value);
                    w.WriteNumber("endEpoch", extension.EndEpoch.Value);
                    w.WriteString("cost", CliOutput.Text(extension.Cost));
                    w.WriteEndObject();
                });
                return 0;
            }

            await Console.Out.WriteLineAsync($"extended blob object {extension.ObjectId} ({extension.BlobId}): end epoch {extension.PreviousEndEpoch.Value} -> {extension.EndEpoch.Value}, paid {CliOutput.Wal(extension.Cost)}");
            return 0;
        }));
        return command.WithClientOptions();
    }
}
