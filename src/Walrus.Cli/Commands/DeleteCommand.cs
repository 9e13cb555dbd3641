using System.CommandLine;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus delete (--blob-id ID... | --files F... | --object-id ID...) [--yes]</c>: delete deletable blob objects the
/// wallet holds (by blob id, or by the blob id a file encodes to: every deletable object of it). The nodes drop the data once no registration of the blob id is left. Asks
/// first on a terminal, unless --yes or --json.
/// </summary>
internal static class DeleteCommand
{
    public static Command Create()
    {
        var blobIds = new Option<string[]>("--blob-id", "--blob-ids") { Description = "Delete your deletable objects of these blob ids.", AllowMultipleArgumentsPerToken = true };
        var objectIds = new Option<string[]>("--object-id", "--object-ids") { Description = "Delete these blob objects.", AllowMultipleArgumentsPerToken = true };
        var files = new Option<FileInfo[]>("--files", "--file") { Description = "Delete your deletable objects of the blob ids these files encode to.", AllowMultipleArgumentsPerToken = true };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var command = new Command("delete", "Delete deletable blobs you own; their storage comes back to you.") { blobIds, files, objectIds, yes };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var byBlob = (result.GetValue(blobIds) ?? []).Select(CliValues.BlobId).ToList();
            var byObject = (result.GetValue(objectIds) ?? []).Select(t => CliValues.ObjectId(t, "blob object id")).ToList();
            var byFile = result.GetValue(files) ?? [];
            if ((byBlob.Count > 0 ? 1 : 0) + (byObject.Count > 0 ? 1 : 0) + (byFile.Length > 0 ? 1 : 0) != 1)
            {
                throw new ArgumentException("give the blobs to delete with one of --blob-id, --files and --object-id");
            }

            if (byFile.FirstOrDefault(f => !f.Exists) is { } absent)
            {
                throw new FileNotFoundException($"'{absent}' does not exist");
            }

            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            foreach (var file in byFile)
            {
                // The file's blob id on this network (its shard count), as `walrus blob-id` computes it.
                byBlob.Add(await client.ComputeBlobIdAsync(file.FullName, token));
            }

            var what = byBlob.Count > 0 ? "blob " + string.Join(", ", byBlob) : "blob object " + string.Join(", ", byObject.Select(CliOutput.Text));
            if (!await ClientOptions.ConfirmAsync(result, result.GetValue(yes), $"Delete {what}?"))
            {
                await Console.Error.WriteLineAsync("nothing deleted");
                return 1;
            }

            var deleted = new List<DeletedBlob>();
            foreach (var blobId in byBlob)
            {
                deleted.AddRange(await client.DeleteBlobsAsync(blobId, token));
            }

            foreach (var id in byObject)
            {
                deleted.Add(await client.DeleteBlobAsync(id, token));
            }

            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartArray();
                    foreach (var d in deleted)
                    {
                        w.WriteStartObject();
                        w.WriteString("objectId", CliOutput.Text(d.ObjectId));
                        w.WriteString("blobId", d.BlobId.ToString());
                        w.WriteString("storageTokenId", CliOutput.Text(d.StorageTokenId));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return 0;
            }

            foreach (var d in deleted)
            {
                await Console.Out.WriteLineAsync($"deleted blob object {d.ObjectId} ({d.BlobId}); its storage is now storage token {d.StorageTokenId}");
            }

            return 0;
        }));
        return command.WithClientOptions();
    }
}
