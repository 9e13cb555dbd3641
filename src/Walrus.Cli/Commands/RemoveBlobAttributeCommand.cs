using System.CommandLine;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus remove-blob-attribute OBJECT_ID</c> (every attribute) and <c>walrus remove-blob-attribute-fields OBJECT_ID
/// --keys K...</c> (some keys): remove attributes from a blob object you hold.
/// </summary>
internal static class RemoveBlobAttributeCommand
{
    /// <summary><c>remove-blob-attribute</c>: all attributes.</summary>
    public static Command Create() => Build("remove-blob-attribute", "Remove all attributes of a blob object you own.", keys: null);

    /// <summary><c>remove-blob-attribute-fields</c>: the given keys.</summary>
    public static Command CreateFields() => Build("remove-blob-attribute-fields", "Remove some attribute keys of a blob object you own.",
        new Option<string[]>("--keys", "--key") { Description = "The keys to remove.", Required = true, AllowMultipleArgumentsPerToken = true });

    private static Command Build(string name, string description, Option<string[]>? keys)
    {
        var objectId = new Argument<string>("blob-obj-id") { Description = "The blob object (list-blobs shows them)." };
        var command = new Command(name, description) { objectId };
        if (keys is not null)
        {
            command.Options.Add(keys);
        }

        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var id = CliValues.ObjectId(result.GetValue(objectId)!, "blob object id");
            IReadOnlyCollection<string>? only = null;
            if (keys is not null)
            {
                // Walrus takes comma-separated keys; separate arguments work too.
                only = [.. (result.GetValue(keys) ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries))];
            }

            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            var removed = await client.RemoveBlobAttributesAsync(id, only, token);
            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("objectId", CliOutput.Text(id));
                    w.WriteStartArray("removed");
                    foreach (var key in removed)
                    {
                        w.WriteStringValue(key);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return 0;
            }

            await Console.Out.WriteLineAsync(removed.Count == 0 ? $"blob object {id} had no attributes" : $"removed {removed.Count} attribute(s) from blob object {id}: {string.Join(", ", removed)}");
            return 0;
        }));
        return command.WithClientOptions();
    }
}
