using System.CommandLine;
using System.Text.Json;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus store FILE... [--epochs N] [--permanent|--deletable] [--force] [--dry-run] [--max-cost FROST]</c>: stores
/// each file (streamed, never held whole), answering "already certified" without paying, and resuming an interrupted
/// store of the same file without paying twice.
/// </summary>
internal static class StoreCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "The files to store.", Arity = ArgumentArity.OneOrMore };
        var epochs = new Option<uint>("--epochs") { Description = "Epochs to store for, from the current one.", DefaultValueFactory = _ => 1 };
        var permanent = new Option<bool>("--permanent") { Description = "Store a permanent blob (cannot be deleted before it expires)." };
        var deletable = new Option<bool>("--deletable") { Description = "Store a deletable blob (the default)." };
        var force = new Option<bool>("--force") { Description = "Store and pay even if the blob is already certified." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the blob id, encoded size and cost; store nothing." };
        var maxCost = new Option<string?>("--max-cost") { Description = "Refuse to pay more than this many FROST per file." };
        var endEpoch = new Option<uint?>("--end-epoch") { Description = "Store until this epoch (exclusive) instead of --epochs." };
        var expiry = new Option<string?>("--earliest-expiry-time") { Description = "Store until at least this time (ISO 8601, e.g. 2027-01-31T12:00:00Z, or unix seconds) instead of --epochs." };
        var sendTo = new Option<string?>("--send-object-to") { Description = "After certifying, send the blob object to this address." };
        var command = new Command("store", "Store files as blobs.") { files, epochs, permanent, deletable, force, dryRun, maxCost, endEpoch, expiry, sendTo };
        StoreThroughRelay.AddTo(command);
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            if (result.GetValue(permanent) && result.GetValue(deletable))
            {
                throw new ArgumentException("--permanent and --deletable exclude each other");
            }

            var lifetimes = (result.GetResult(epochs) is { Implicit: false } ? 1 : 0) + (result.GetValue(endEpoch) is null ? 0 : 1) + (result.GetValue(expiry) is null ? 0 : 1);
            if (lifetimes > 1)
            {
                throw new ArgumentException("give one of --epochs, --end-epoch and --earliest-expiry-time");
            }

            var options = new StoreOptions
            {
                Epochs = result.GetValue(epochs),
                EndEpoch = result.GetValue(endEpoch),
                EarliestExpiryTime = result.GetValue(expiry) is { } time ? ParseTime(time) : null,
                SendObjectTo = result.GetValue(sendTo) is { } to ? Walrus.Chain.Address.Parse(to) : null,
                Deletable = !result.GetValue(permanent),
                Force = result.GetValue(force),
                MaxCost = result.GetValue(maxCost) is { } max ? System.Numerics.BigInteger.Parse(max, System.Globalization.CultureInfo.InvariantCulture) : null,
            };
            var json = result.GetValue(ClientOptions.Json);
            var dry = result.GetValue(dryRun);
            var all = result.GetValue(files)!;
            if (all.FirstOrDefault(f => !f.Exists) is { } absent)
            {
                throw new FileNotFoundException($"'{absent}' does not exist");
            }

            using var client = await ClientOptions.ConnectAsync(result, needsWallet: !dry, token);
            var (relayOptions, relay) = dry ? (options, null) : await StoreThroughRelay.PrepareAsync(result, client, all, options, token);
            using var relayClient = relay;
            options = relayOptions;
            using var stream = new MemoryStream();
            var failures = 0;
            var rows = new List<IReadOnlyList<string>>();
            var remaining = new List<(FileInfo File, Task<IReadOnlyList<string>> Uploads)>();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartArray();
                if (dry)
                {
                    foreach (var file in all)
                    {
                        var quote = await client.QuoteAsync(file.FullName, options, token);
                        WriteQuote(writer, file, quote);
                        if (!json)
                        {
                            await Console.Out.WriteLineAsync($"{file}: blob id {quote.BlobId}, {quote.UnencodedSize} B, encoded {quote.EncodedSize} B, cost {quote.Cost.Total} FROST for {quote.EpochsAhead} epoch(s), until epoch {quote.EndEpoch.Value} (dry run)");
                        }
                    }
                }
                else
                {
                    var (stored, errors) = await StoreAllAsync(client, all, options, result, token);
                    for (var index = 0; index < all.Length; index++)
                    {
                        if (errors[index] is { } error)
                        {
                            // One file failed: the others were still stored and are reported; the exit code says not all were.
                            failures++;
                            WriteError(writer, all[index], error);
                            await Console.Error.WriteLineAsync($"error: {all[index]}: {error.Message.ReplaceLineEndings(" ")}");
                            continue;
                        }

                        var file = all[index];
                        var one = stored[index]!;
                        remaining.Add((file, one.RemainingUploads));
                        WriteResult(writer, file, one);
                        rows.Add([file.Name, one.BlobId.ToString(), Outcome(one), one.ObjectId is { } o ? CliOutput.Text(o) : "", one.EndEpoch.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), CliOutput.Text(one.Cost)]);
                        if (!json && Console.IsOutputRedirected)
                        {
                            await Console.Out.WriteLineAsync(Describe(file, one));
                        }
                    }

                    if (!json && !Console.IsOutputRedirected)
                    {
                        await CliOutput.WriteTableAsync(["File", "Blob id", "Outcome", "Object", "End epoch", "Cost (FROST)"], rows, "nothing stored");
                    }
                }

                writer.WriteEndArray();
            }

            // Each store returned at its quorum: the other nodes' uploads end (bounded) before the process does, so
            // every node gets its slivers from this upload rather than through recovery; also when another file failed.
            foreach (var (file, uploads) in remaining)
            {
                foreach (var failure in await uploads)
                {
                    await Console.Error.WriteLineAsync($"warning: {file}: {failure} (the blob is certified; the node recovers its slivers itself)");
                }
            }

            if (json)
            {
                await Console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }

            return failures == 0 ? 0 : 1;
        }));
        return command.WithClientOptions();
    }

    /// <summary>
    /// Stores every file: one alone through the single-file path (its failure is the command's error); many with one
    /// registration transaction, where a file that fails leaves the others stored (per file: a result or an error).
    /// </summary>
    private static async Task<(IReadOnlyList<StoreResult?> Stored, IReadOnlyList<Exception?> Errors)> StoreAllAsync(
        WalrusClient client, FileInfo[] all, StoreOptions options, ParseResult result, CancellationToken token)
    {
        if (all.Length == 1)
        {
            var one = await WithProgressAsync(result, all[0].Name, progress => client.StoreAsync(all[0].FullName, options, progress, token));
            return ([one], [null]);
        }

        try
        {
            var stored = await WithProgressAsync(result, all[0].Name, progress => client.StoreManyAsync([.. all.Select(f => f.FullName)], options, progress, token));
            return (stored, new Exception?[all.Length]);
        }
        catch (StoreManyException e)
        {
            return (e.Results, e.Errors);
        }
    }

    /// <summary>
    /// Runs a store showing its progress on stderr: bars when stdout and stderr are terminals, plain lines when either is
    /// redirected, nothing with --json (a script reads the JSON alone).
    /// </summary>
    private static Task<T> WithProgressAsync<T>(ParseResult result, string name, Func<IProgress<StoreProgress>?, Task<T>> work)
    {
        if (result.GetValue(ClientOptions.Json))
        {
            return work(null);
        }

        return !Console.IsOutputRedirected && !Console.IsErrorRedirected
            ? LiveStoreProgress.RunAsync<T>(name, progress => work(progress))
            : work(new PlainStoreProgress(Console.Error, name));
    }

    private static string Outcome(StoreResult stored) => stored.Outcome switch
    {
        StoreOutcome.AlreadyCertified => "already certified",
        StoreOutcome.Resumed when stored.ResourceOperation is ReuseAndExtendNonCertified extend => $"resumed, extended by {extend.EpochsExtended}",
        StoreOutcome.Resumed => "resumed",
        _ => stored.ResourceOperation switch
        {
            ReuseAndExtend extend => $"extended by {extend.EpochsExtended}",
            ReuseStorage => "stored (owned storage)",
            _ => "stored",
        },
    };

    private static string Describe(FileInfo file, StoreResult stored) => stored.Outcome switch
    {
        StoreOutcome.NewlyCreated when stored.ResourceOperation is ReuseAndExtend extend =>
            $"{file}: blob {stored.BlobId} was already certified in your object {stored.ObjectId}; extended by {extend.EpochsExtended} epoch(s) until epoch {stored.EndEpoch.Value}, cost {stored.Cost} FROST",
        StoreOutcome.AlreadyCertified => $"{file}: blob {stored.BlobId} is already certified until epoch {stored.EndEpoch.Value}; nothing paid",
        StoreOutcome.Resumed when stored.ResourceOperation is ReuseAndExtendNonCertified extend =>
            $"{file}: blob {stored.BlobId} stored (resumed object {stored.ObjectId}, registration not paid again), extended by {extend.EpochsExtended} epoch(s) until epoch {stored.EndEpoch.Value}, cost {stored.Cost} FROST",
        StoreOutcome.Resumed => $"{file}: blob {stored.BlobId} stored (resumed object {stored.ObjectId}, nothing paid again), until epoch {stored.EndEpoch.Value}",
        _ => $"{file}: blob {stored.BlobId} stored as object {stored.ObjectId} ({(stored.Deletable ? "deletable" : "permanent")}), until epoch {stored.EndEpoch.Value}, cost {stored.Cost} FROST",
    };

    private static void WriteError(Utf8JsonWriter writer, FileInfo file, Exception error)
    {
        writer.WriteStartObject();
        writer.WriteString("path", file.ToString());
        writer.WriteString("outcome", "error");
        writer.WriteString("error", error.Message.ReplaceLineEndings(" "));
        writer.WriteEndObject();
    }

    /// <summary>An ISO 8601 time (a time without an offset is UTC) or unix seconds.</summary>
    private static DateTimeOffset ParseTime(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw new ArgumentException($"--earliest-expiry-time {text}: expected an ISO 8601 time or unix seconds");

    private static void WriteQuote(Utf8JsonWriter writer, FileInfo file, StoreQuote quote)
    {
        writer.WriteStartObject();
        writer.WriteString("path", file.ToString());
        writer.WriteString("blobId", quote.BlobId.ToString());
        writer.WriteNumber("unencodedSize", quote.UnencodedSize);
        writer.WriteNumber("encodedSize", quote.EncodedSize);
        writer.WriteString("storageCost", quote.Cost.StorageCost.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("writeCost", quote.Cost.WriteCost.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("totalCost", quote.Cost.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteNumber("epochsAhead", quote.EpochsAhead);
        writer.WriteNumber("endEpoch", quote.EndEpoch.Value);
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, FileInfo file, StoreResult stored)
    {
        writer.WriteStartObject();
        writer.WriteString("path", file.ToString());
        WriteResultFields(writer, stored);
        writer.WriteEndObject();
    }

    /// <summary>The fields of a store's result in the CLI's JSON (also the <c>blobStoreResult</c> of <c>store-quilt</c>).</summary>
    internal static void WriteResultFields(Utf8JsonWriter writer, StoreResult stored)
    {
        writer.WriteString("blobId", stored.BlobId.ToString());
        writer.WriteString("outcome", stored.Outcome switch
        {
            StoreOutcome.AlreadyCertified => "alreadyCertified",
            StoreOutcome.Resumed => "resumed",
            _ => "newlyCreated",
        });
        if (stored.ObjectId is { } objectId)
        {
            writer.WriteString("objectId", NodeClient.ObjectIdHex(objectId));
        }
        else
        {
            writer.WriteNull("objectId");
        }

        writer.WriteString("cost", stored.Cost.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteNumber("endEpoch", stored.EndEpoch.Value);
        writer.WriteBoolean("deletable", stored.Deletable);
        writer.WriteNumber("unencodedSize", stored.UnencodedSize);
        writer.WriteNumber("encodedSize", stored.EncodedSize);
        writer.WriteNumber("nodeRequests", stored.NodeRequests);
        if (stored.Owner is { } owner)
        {
            writer.WriteString("owner", owner.ToString());
        }

        WriteResourceOperation(writer, stored.ResourceOperation);
    }

    /// <summary>Walrus's shape: <c>{"registerFromScratch": {"encodedLength": n, "epochsAhead": e}}</c> and the like, or null.</summary>
    private static void WriteResourceOperation(Utf8JsonWriter writer, ResourceOperation? operation)
    {
        if (operation is null)
        {
            writer.WriteNull("resourceOperation");
            return;
        }

        writer.WriteStartObject("resourceOperation");
        writer.WriteStartObject(operation switch
        {
            RegisterFromScratch => "registerFromScratch",
            ReuseStorage => "reuseStorage",
            ReuseAndExtend => "reuseAndExtend",
            ReuseAndExtendNonCertified => "reuseAndExtendNonCertified",
            _ => "reuseRegistration",
        });
        writer.WriteNumber("encodedLength", operation.EncodedLength);
        switch (operation)
        {
            case RegisterFromScratch scratch:
                writer.WriteNumber("epochsAhead", scratch.EpochsAhead);
                break;
            case ReuseAndExtend extend:
                writer.WriteNumber("epochsExtended", extend.EpochsExtended);
                break;
            case ReuseAndExtendNonCertified extend:
                writer.WriteNumber("epochsExtended", extend.EpochsExtended);
                break;
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
