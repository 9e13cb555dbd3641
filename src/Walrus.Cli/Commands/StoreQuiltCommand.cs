using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus store-quilt (--paths FILE_OR_DIR... | --blobs '{"path":..,"identifier":..,"tags":{..}}'...) [--epochs N]
/// [--permanent|--deletable] [--force] [--dry-run] [--max-cost FROST]</c>: stores the files as one quilt (one blob) and
/// prints every patch's id. With <c>--paths</c>, a directory's files are taken recursively and each file's name is its
/// identifier, as in Walrus.
/// </summary>
internal static class StoreQuiltCommand
{
    public static Command Create()
    {
        var paths = new Option<string[]>("--paths") { Description = "Files or directories (read recursively); each file's name is its identifier.", AllowMultipleArgumentsPerToken = true };
        var blobs = new Option<string[]>("--blobs") { Description = "Patches as JSON: {\"path\":..,\"identifier\":..,\"tags\":{..}} (identifier defaults to the file name).", AllowMultipleArgumentsPerToken = true };
        var epochs = new Option<uint>("--epochs") { Description = "Epochs to store for, from the current one.", DefaultValueFactory = _ => 1 };
        var permanent = new Option<bool>("--permanent") { Description = "Store a permanent blob (cannot be deleted before it expires)." };
        var deletable = new Option<bool>("--deletable") { Description = "Store a deletable blob (the default)." };
        var force = new Option<bool>("--force") { Description = "Store and pay even if the quilt is already certified." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the quilt id, patch ids, encoded size and cost; store nothing." };
        var maxCost = new Option<string?>("--max-cost") { Description = "Refuse to pay more than this many FROST." };
        var command = new Command("store-quilt", "Store files as one quilt (many small files in one blob).") { paths, blobs, epochs, permanent, deletable, force, dryRun, maxCost };
        command.SetAction((result, token) => QuiltCommandSupport.RunAsync(async () =>
        {
            if (result.GetValue(permanent) && result.GetValue(deletable))
            {
                throw new ArgumentException("--permanent and --deletable exclude each other");
            }

            var byPath = result.GetValue(paths) ?? [];
            var byJson = result.GetValue(blobs) ?? [];
            if ((byPath.Length == 0) == (byJson.Length == 0))
            {
                throw new ArgumentException("give the patches with either --paths or --blobs");
            }

            var patches = byPath.Length > 0 ? FromPaths(byPath) : FromJson(byJson);
            var options = new StoreOptions
            {
                Epochs = result.GetValue(epochs),
                Deletable = !result.GetValue(permanent),
                Force = result.GetValue(force),
                MaxCost = result.GetValue(maxCost) is { } max ? System.Numerics.BigInteger.Parse(max, CultureInfo.InvariantCulture) : null,
            };
            var json = result.GetValue(ClientOptions.Json);
            var dry = result.GetValue(dryRun);
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: !dry, token);
            using var output = new MemoryStream();
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                if (dry)
                {
                    var (quote, listed) = await client.QuoteQuiltAsync(patches, options.Epochs, token);
                    writer.WriteStartObject("quote");
                    writer.WriteString("quiltId", quote.BlobId.ToString());
                    writer.WriteNumber("unencodedSize", quote.UnencodedSize);
                    writer.WriteNumber("encodedSize", quote.EncodedSize);
                    writer.WriteString("storageCost", QuiltCommandSupport.Invariant(quote.Cost.StorageCost));
                    writer.WriteString("writeCost", QuiltCommandSupport.Invariant(quote.Cost.WriteCost));
                    writer.WriteString("totalCost", QuiltCommandSupport.Invariant(quote.Cost.Total));
                    writer.WriteEndObject();
                    WritePatches(writer, listed);
                    if (!json)
                    {
                        await Console.Out.WriteLineAsync($"quilt {quote.BlobId}: {listed.Count} patches, {quote.UnencodedSize} B, encoded {quote.EncodedSize} B, cost {quote.Cost.Total} FROST for {options.Epochs} epoch(s) (dry run)");
                        await PrintPatchesAsync(listed);
                    }
                }
                else
                {
                    var progress = ClientOptions.ShowProgress(result) ? new Progress<StoreProgress>(p => Console.Error.WriteLine("quilt: " + p.Stage)) : null;
                    var stored = await client.StoreQuiltAsync(patches, options, progress, token);
                    WriteBlobStoreResult(writer, stored.BlobStoreResult);
                    WritePatches(writer, stored.Patches);
                    if (!json)
                    {
                        var blob = stored.BlobStoreResult;
                        await Console.Out.WriteLineAsync(blob.AlreadyCertified
                            ? $"quilt {blob.BlobId} ({stored.Patches.Count} patches) is already certified until epoch {blob.EndEpoch.Value}; nothing paid"
                            : $"quilt {blob.BlobId} ({stored.Patches.Count} patches) stored as object {blob.ObjectId}, until epoch {blob.EndEpoch.Value}, encoded {blob.EncodedSize} B, cost {blob.Cost} FROST");
                        await PrintPatchesAsync(stored.Patches);
                    }
                }

                writer.WriteEndObject();
            }

            if (json)
            {
                await QuiltCommandSupport.PrintAsync(output);
            }

            return 0;
        }));
        return command.WithClientOptions();
    }

    /// <summary>Files and the files of directories (recursively, in ordinal order); identifiers are file names.</summary>
    internal static List<QuiltPatchInput> FromPaths(IEnumerable<string> paths)
    {
        var patches = new List<QuiltPatchInput>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    patches.Add(QuiltPatchInput.FromFile(file));
                }
            }
            else if (File.Exists(path))
            {
                patches.Add(QuiltPatchInput.FromFile(path));
            }
            else
            {
                throw new FileNotFoundException($"'{path}' does not exist");
            }
        }

        return patches;
    }

    /// <summary>Patches from <c>{"path":..,"identifier":..,"tags":{..}}</c> objects.</summary>
    internal static List<QuiltPatchInput> FromJson(IEnumerable<string> specs)
    {
        var patches = new List<QuiltPatchInput>();
        foreach (var spec in specs)
        {
            using var document = JsonDocument.Parse(spec);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("path", out var pathElement) || pathElement.ValueKind != JsonValueKind.String)
            {
                throw new ArgumentException($"--blobs takes {{\"path\":..,\"identifier\":..,\"tags\":{{..}}}}; '{spec}' has no \"path\" string");
            }

            var path = pathElement.GetString()!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"'{path}' does not exist");
            }

            string? identifier = null;
            if (root.TryGetProperty("identifier", out var id) && id.ValueKind != JsonValueKind.Null)
            {
                identifier = id.ValueKind == JsonValueKind.String ? id.GetString() : throw new ArgumentException($"\"identifier\" must be a string in '{spec}'");
            }

            Dictionary<string, string>? tags = null;
            if (root.TryGetProperty("tags", out var tagsElement) && tagsElement.ValueKind != JsonValueKind.Null)
            {
                if (tagsElement.ValueKind != JsonValueKind.Object)
                {
                    throw new ArgumentException($"\"tags\" must be an object of strings in '{spec}'");
                }

                tags = [];
                foreach (var tag in tagsElement.EnumerateObject())
                {
                    tags[tag.Name] = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : throw new ArgumentException($"tag \"{tag.Name}\" must be a string in '{spec}'");
                }
            }

            patches.Add(QuiltPatchInput.FromFile(path, identifier, tags));
        }

        return patches;
    }

    private static async Task PrintPatchesAsync(IReadOnlyList<StoredQuiltPatch> patches)
    {
        foreach (var patch in patches)
        {
            await Console.Out.WriteLineAsync($"  {patch.Identifier}: {patch.PatchId}{QuiltCommandSupport.FormatTags(patch.Tags)}");
        }
    }

    private static void WritePatches(Utf8JsonWriter writer, IReadOnlyList<StoredQuiltPatch> patches)
    {
        writer.WriteStartArray("storedQuiltBlobs");
        foreach (var patch in patches)
        {
            QuiltCommandSupport.WritePatch(writer, patch.Identifier, patch.PatchId, patch.Tags);
        }

        writer.WriteEndArray();
    }

    private static void WriteBlobStoreResult(Utf8JsonWriter writer, StoreResult stored)
    {
        writer.WriteStartObject("blobStoreResult");
        StoreCommand.WriteResultFields(writer, stored);
        writer.WriteNumber("unencodedSize", stored.UnencodedSize);
        writer.WriteNumber("encodedSize", stored.EncodedSize);
        writer.WriteNumber("nodeRequests", stored.NodeRequests);
        writer.WriteEndObject();
    }
}
