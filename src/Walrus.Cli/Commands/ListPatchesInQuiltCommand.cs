using System.CommandLine;
using System.Text.Json;
using Walrus.Core;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus list-patches-in-quilt QUILT_ID</c> (alias <c>resolve-quilt</c>): every patch's identifier, id and tags, from the quilt's index.</summary>
internal static class ListPatchesInQuiltCommand
{
    public static Command Create()
    {
        var quiltId = new Argument<string>("quilt-id") { Description = "The quilt's blob id." };
        var command = new Command("list-patches-in-quilt", "List the patches of a quilt.") { quiltId };
        command.Aliases.Add("resolve-quilt");
        command.SetAction((result, token) => QuiltCommandSupport.RunAsync(async () =>
        {
            var id = BlobId.TryParse(result.GetValue(quiltId), out var q) ? q : throw new FormatException($"'{result.GetValue(quiltId)}' is not a blob id (43 characters of URL-safe base64)");
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: false, token);
            var patches = await client.ListQuiltPatchesAsync(id, token);
            if (result.GetValue(ClientOptions.Json))
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteString("quiltId", id.ToString());
                    writer.WriteStartArray("patches");
                    foreach (var patch in patches)
                    {
                        QuiltCommandSupport.WritePatch(writer, patch.Identifier, patch.PatchId, patch.Tags);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                await QuiltCommandSupport.PrintAsync(stream);
            }
            else
            {
                await Console.Out.WriteLineAsync($"quilt {id}: {patches.Count} patches");
                foreach (var patch in patches)
                {
                    await Console.Out.WriteLineAsync($"  {patch.Identifier}: {patch.PatchId}{QuiltCommandSupport.FormatTags(patch.Tags)}");
                }
            }

            return 0;
        }));
        return command.WithClientOptions();
    }
}
