using System.CommandLine;
using System.Text.Json;
using Walrus.Client;
using Walrus.Core;
using Walrus.Core.Quilts;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus read-quilt --quilt-id ID (--identifiers A B... | --tag K V) | --quilt-patch-ids P... [--out DIR]</c>:
/// reads patches of a quilt, fetching only their columns. With <c>--out</c> each patch is written to DIR/identifier;
/// without it a single patch goes to stdout (with <c>--json</c>, every patch inline as base64).
/// </summary>
internal static class ReadQuiltCommand
{
    public static Command Create()
    {
        var quiltId = new Option<string?>("--quilt-id") { Description = "The quilt's blob id." };
        var identifiers = new Option<string[]>("--identifiers") { Description = "The identifiers of the patches to read (with --quilt-id).", AllowMultipleArgumentsPerToken = true };
        var tag = new Option<string[]>("--tag") { Description = "Read the patches with this tag: KEY VALUE (with --quilt-id).", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var patchIds = new Option<string[]>("--quilt-patch-ids") { Description = "The patch ids to read.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo?>("--out") { Description = "The directory to write each patch to, as a file named by its identifier." };
        var command = new Command("read-quilt", "Read patches of a quilt.") { quiltId, identifiers, tag, patchIds, output };
        command.SetAction((result, token) => QuiltCommandSupport.RunAsync(async () =>
        {
            var ids = result.GetValue(patchIds) ?? [];
            var names = result.GetValue(identifiers) ?? [];
            var tagPair = result.GetValue(tag) ?? [];
            var quilt = result.GetValue(quiltId);
            if ((ids.Length > 0) == (quilt is not null) || (quilt is not null && (names.Length > 0) == (tagPair.Length > 0)))
            {
                throw new ArgumentException("give either --quilt-id with --identifiers or --tag, or --quilt-patch-ids");
            }

            var json = result.GetValue(ClientOptions.Json);
            var directory = result.GetValue(output);
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: false, token);
            QuiltReadResult read;
            if (ids.Length > 0)
            {
                var parsed = ids.Select(id => QuiltPatchId.TryParse(id, out var p) ? p : throw new FormatException($"'{id}' is not a quilt patch id (50 characters of URL-safe base64)")).ToList();
                read = await client.ReadQuiltPatchesAsync(parsed, token);
            }
            else
            {
                var id = BlobId.TryParse(quilt, out var q) ? q : throw new FormatException($"'{quilt}' is not a blob id (43 characters of URL-safe base64)");
                read = names.Length > 0
                    ? await client.ReadQuiltPatchesAsync(id, names, token)
                    : await client.ReadQuiltPatchesByTagAsync(id, tagPair[0], tagPair[1], token);
            }

            if (read.Liars.Count > 0)
            {
                await Console.Error.WriteLineAsync($"warning: nodes answered with data that does not verify: {string.Join(", ", read.Liars)}");
            }

            var written = new List<string>();
            if (directory is not null)
            {
                directory.Create();
                foreach (var patch in read.Patches)
                {
                    var path = PatchPath(directory, patch.Identifier);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await File.WriteAllBytesAsync(path, patch.Data, token);
                    written.Add(path);
                }
            }
            else if (!json)
            {
                if (read.Patches.Count != 1)
                {
                    throw new ArgumentException($"{read.Patches.Count} patches match: pass --out DIR to write them (or --json)");
                }

                using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(read.Patches[0].Data, token);
            }

            if (json)
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("patches");
                    for (var i = 0; i < read.Patches.Count; i++)
                    {
                        var patch = read.Patches[i];
                        writer.WriteStartObject();
                        writer.WriteString("identifier", patch.Identifier);
                        writer.WriteString("quiltPatchId", patch.PatchId.ToString());
                        QuiltCommandSupport.WriteTags(writer, patch.Tags);
                        writer.WriteNumber("size", patch.Data.Length);
                        if (directory is not null)
                        {
                            writer.WriteString("out", written[i]);
                        }
                        else
                        {
                            writer.WriteBase64String("data", patch.Data);
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    WriteStrings(writer, "liars", read.Liars);
                    WriteStrings(writer, "unreachable", read.Unreachable);
                    writer.WriteNumber("nodeRequests", read.NodeRequests);
                    writer.WriteNumber("columnsFetched", read.ColumnsFetched);
                    writer.WriteNumber("columnsRecovered", read.ColumnsRecovered);
                    writer.WriteBoolean("fullRead", read.FullRead);
                    writer.WriteEndObject();
                }

                await QuiltCommandSupport.PrintAsync(stream);
            }
            else if (directory is not null)
            {
                foreach (var (patch, path) in read.Patches.Zip(written))
                {
                    await Console.Out.WriteLineAsync($"{patch.Identifier}: {patch.Data.Length} bytes written to {path}");
                }
            }

            return 0;
        }));
        return command.WithClientOptions();
    }

    /// <summary>DIR/identifier; an identifier that would lead outside DIR (absolute, "..") is refused.</summary>
    internal static string PatchPath(DirectoryInfo directory, string identifier)
    {
        var root = Path.GetFullPath(directory.FullName);
        var path = Path.GetFullPath(Path.Combine(root, identifier));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length
            ? path
            : throw new ArgumentException($"patch identifier \"{identifier}\" does not name a file inside {root}; read it with --json instead");
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
