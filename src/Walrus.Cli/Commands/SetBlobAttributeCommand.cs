using System.CommandLine;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus set-blob-attribute OBJECT_ID --attr KEY VALUE [--attr KEY VALUE]...</c>: set attributes on a blob object you hold.</summary>
internal static class SetBlobAttributeCommand
{
    public static Command Create()
    {
        var objectId = new Argument<string>("blob-obj-id") { Description = "The blob object (list-blobs shows them)." };
        var attrs = new Option<string[]>("--attr")
        {
            Description = "A key and its value; repeat for more pairs (an existing key is overwritten).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("set-blob-attribute", "Set attributes (key-value pairs) on a blob object you own.") { objectId, attrs };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var id = CliValues.ObjectId(result.GetValue(objectId)!, "blob object id");
            var pairs = result.GetValue(attrs) ?? [];
            if (pairs.Length == 0 || pairs.Length % 2 != 0)
            {
                throw new ArgumentException("--attr takes a key and a value: --attr KEY VALUE [--attr KEY VALUE]...");
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < pairs.Length; i += 2)
            {
                attributes[pairs[i]] = pairs[i + 1];
            }

            using var client = await ClientOptions.ConnectAsync(result, needsWallet: true, token);
            await client.SetBlobAttributesAsync(id, attributes, token);
            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("objectId", CliOutput.Text(id));
                    w.WriteStartObject("set");
                    foreach (var (key, value) in attributes)
                    {
                        w.WriteString(key, value);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                });
                return 0;
            }

            await Console.Out.WriteLineAsync($"set {attributes.Count} attribute(s) on blob object {id}: {string.Join(", ", attributes.Keys)}");
            return 0;
        }));
        return command.WithClientOptions();
    }
}
