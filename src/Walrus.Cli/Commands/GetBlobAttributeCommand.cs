using System.CommandLine;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus get-blob-attribute OBJECT_ID</c>: a blob object's attributes (key-value pairs kept on chain).</summary>
internal static class GetBlobAttributeCommand
{
    public static Command Create()
    {
        var objectId = new Argument<string>("blob-obj-id") { Description = "The blob object (list-blobs shows them)." };
        var command = new Command("get-blob-attribute", "Show the attributes of a blob object.") { objectId };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var id = CliValues.ObjectId(result.GetValue(objectId)!, "blob object id");
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: false, token);
            var attributes = await client.GetBlobAttributesAsync(id, token);
            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("objectId", CliOutput.Text(id));
                    w.WriteStartObject("attributes");
                    foreach (var (key, value) in attributes)
                    {
                        w.WriteString(key, value);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                });
                return 0;
            }

            await CliOutput.WriteTableAsync(["key", "value"], [.. attributes.Select(a => (IReadOnlyList<string>)[a.Key, a.Value])], $"blob object {id} has no attributes");
            return 0;
        }));
        return command.WithClientOptions();
    }
}
