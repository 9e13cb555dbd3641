using System.CommandLine;
using Walrus.Core;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus convert-blob-id ID</c>: a blob id in any of its forms (Walrus's URL-safe base64, the decimal u256 that
/// explorers show, or the 0x bytes32 hex the contracts use) printed in all three. Needs no config.
/// </summary>
internal static class ConvertBlobIdCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("blob-id") { Description = "The blob id: URL-safe base64 (43 characters), decimal u256, or 0x and 64 hex digits." };
        var command = new Command("convert-blob-id", "Convert a blob id between its base64, decimal and hex forms.") { id, ClientOptions.Json };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var blobId = Parse(result.GetValue(id)!);
            if (result.GetValue(ClientOptions.Json))
            {
                await CliOutput.WriteJsonAsync(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("blobId", blobId.ToString());
                    w.WriteString("decimal", blobId.ToDecimal());
                    w.WriteString("hex", "0x" + blobId.ToHex());
                    w.WriteEndObject();
                });
                return 0;
            }

            await Console.Out.WriteLineAsync($"blob id: {blobId}");
            await Console.Out.WriteLineAsync($"decimal: {blobId.ToDecimal()}");
            await Console.Out.WriteLineAsync($"hex:     0x{blobId.ToHex()}");
            return 0;
        }));
        return command;
    }

    /// <summary>A blob id from its base64, decimal or 0x-hex form.</summary>
    /// <exception cref="FormatException">None of the three.</exception>
    internal static BlobId Parse(string text)
    {
        if (BlobId.TryParse(text, out var id))
        {
            return id;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length == 66 && text.Skip(2).All(char.IsAsciiHexDigit))
        {
            return new BlobId(Convert.FromHexString(text.AsSpan(2)));
        }

        if (BlobId.TryFromDecimal(text, out id))
        {
            return id;
        }

        throw new FormatException($"'{text}' is not a blob id: give 43 characters of URL-safe base64, a decimal number below 2^256, or 0x and 64 hex digits");
    }
}
