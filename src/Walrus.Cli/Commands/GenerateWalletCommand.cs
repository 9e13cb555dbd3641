using System.CommandLine;
using Walrus.Chain.Crypto;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus generate-wallet [--path FILE]</c>: a new secp256k1 key in a key file readable by its owner only (0600); prints the address, never the key.</summary>
internal static class GenerateWalletCommand
{
    public static Command Create()
    {
        var path = new Option<FileInfo>("--path") { Description = "Where to write the key file.", DefaultValueFactory = _ => new FileInfo("wallet.json") };
        var command = new Command("generate-wallet", "Create a new wallet key file (0600).") { path };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var file = result.GetValue(path)!;
            if (file.Exists)
            {
                throw new IOException($"'{file}' exists; refusing to overwrite a wallet");
            }

            using var key = PrivateKey.Generate();
            await KeyFile.WriteAsync(file.FullName, key, token);
            if (result.GetValue(ClientOptions.Json))
            {
                await Console.Out.WriteLineAsync($"{{\"address\":\"{key.Address}\",\"path\":{System.Text.Json.JsonSerializer.Serialize(file.FullName)}}}");
            }
            else
            {
                await Console.Out.WriteLineAsync($"wallet {key.Address} written to {file.FullName}");
            }

            return 0;
        }));
        return command.WithClientOptions();
    }
}
