using System.CommandLine;
using Walrus.Chain.Abi;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>The global options of the client commands (<c>--config</c>, <c>--context</c>, <c>--wallet</c>, <c>--json</c>) and how a command runs: one clear error line and a non-zero exit on failure.</summary>
internal static class ClientOptions
{
    public static readonly Option<string?> Config = new("--config") { Description = "The client config (client.json); default: ./, $XDG_CONFIG_HOME/walrus, ~/.config/walrus." };

    public static readonly Option<string?> Context = new("--context") { Description = "The context of the client config to use (default: its default_context)." };

    public static readonly Option<string?> Wallet = new("--wallet") { Description = "The wallet key file (overrides the config's)." };

    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON." };

    /// <summary>
    /// Adds the client options to a client command (per command rather than recursive from the root, so that the node
    /// commands keep their own <c>--config</c>).
    /// </summary>
    public static Command WithClientOptions(this Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Context);
        command.Options.Add(Wallet);
        command.Options.Add(Json);
        return command;
    }

    /// <summary>A client of the configured network; with the wallet if <paramref name="needsWallet"/>.</summary>
    public static async Task<WalrusClient> ConnectAsync(ParseResult result, bool needsWallet, CancellationToken cancellationToken)
    {
        var config = ClientConfigFile.Load(result.GetValue(Config), result.GetValue(Context));
        var deployment = await config.LoadDeploymentAsync(cancellationToken);
        PrivateKey? wallet = null;
        var walletFile = result.GetValue(Wallet) ?? config.WalletFile;
        if (needsWallet)
        {
            if (walletFile is null)
            {
                throw new FileNotFoundException("no wallet: pass --wallet or set \"wallet\" in the client config (walrus generate-wallet makes one)");
            }

            if (!File.Exists(walletFile))
            {
                throw new FileNotFoundException($"the wallet file '{walletFile}' does not exist: pass --wallet or fix \"wallet\" in {config.Path} (walrus generate-wallet makes one)");
            }

            wallet = await KeyFile.ReadAsync(walletFile, cancellationToken);
        }

        return WalrusClient.Create(config.RpcUrl, deployment, wallet);
    }

    /// <summary>Runs a command: any expected failure becomes one line on stderr and exit code 1.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException
            or System.Text.Json.JsonException or HttpRequestException or WalrusClientException or BlobInvalidException or NodeApiException
            or ContractRevertException or RpcException or RpcTransportException or ArgumentException or Walrus.Client.UploadRelay.UploadRelayException)
        {
            var hint = e is RpcTransportException ? " (is the chain at the client config's rpc_url running?)" : "";
            await Console.Error.WriteLineAsync("error: " + e.Message.ReplaceLineEndings(" ") + hint);
            return 1;
        }
    }

    /// <summary>
    /// Whether the user agrees to <paramref name="question"/>: yes without asking with <c>--json</c> or
    /// <paramref name="yes"/>; asked on the terminal otherwise; with no terminal to ask on, an error telling to pass --yes.
    /// </summary>
    public static async Task<bool> ConfirmAsync(ParseResult result, bool yes, string question)
    {
        if (yes || result.GetValue(Json))
        {
            return true;
        }

        if (Console.IsInputRedirected)
        {
            throw new InvalidOperationException($"{question.TrimEnd('?')}: no terminal to ask on; pass --yes to confirm");
        }

        await Console.Error.WriteAsync(question + " [y/N] ");
        var answer = (await Console.In.ReadLineAsync())?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether to show progress (stderr is a terminal and the output is not JSON).</summary>
    public static bool ShowProgress(ParseResult result) => !result.GetValue(Json) && !Console.IsErrorRedirected;
}
