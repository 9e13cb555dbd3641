using System.CommandLine;
using System.Numerics;
using Walrus.Client;
using Walrus.Client.UploadRelay;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus store --upload-relay URL [--skip-tip-confirmation]</c>: the files go to the relay in one request each. When
/// the relay asks a tip, the tips are shown and confirmed first: on a terminal the user is asked; without one (stdin
/// redirected) or with --json, --skip-tip-confirmation is required, else the store fails before paying anything.
/// Each file pays at most its quoted tip (<see cref="StoreOptions.MaxRelayTip"/>).
/// </summary>
internal static class StoreThroughRelay
{
    public static readonly Option<string?> UploadRelay = new("--upload-relay") { Description = "Store through this upload relay (one request per file instead of one per sliver)." };

    public static readonly Option<bool> SkipTipConfirmation = new("--skip-tip-confirmation") { Description = "Pay the upload relay's tip without asking." };

    /// <summary>Adds the relay options to the store command.</summary>
    public static void AddTo(Command command)
    {
        command.Options.Add(UploadRelay);
        command.Options.Add(SkipTipConfirmation);
    }

    /// <summary>The relay client (null without --upload-relay) and the options storing through it, the tip confirmed.</summary>
    public static async Task<(StoreOptions Options, UploadRelayClient? Relay)> PrepareAsync(
        ParseResult result, WalrusClient client, IReadOnlyList<FileInfo> files, StoreOptions options, CancellationToken cancellationToken)
    {
        if (result.GetValue(UploadRelay) is not { } url)
        {
            return (options, null);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--upload-relay {url}: expected an http(s) URL");
        }

        var relay = new UploadRelayClient(address);
        try
        {
            var tip = await relay.GetTipConfigAsync(cancellationToken);
            if (tip is null)
            {
                return (options with { UploadRelay = relay, MaxRelayTip = BigInteger.Zero }, relay);
            }

            var config = WalrusClient.Config(await client.GetCommitteeAsync(cancellationToken));
            var highest = BigInteger.Zero;
            var total = BigInteger.Zero;
            foreach (var file in files)
            {
                var one = tip.Kind.TipFor(config.GetEncodedLength(file.Exists ? file.Length : 0));
                highest = BigInteger.Max(highest, one);
                total += one;
            }

            var question = $"The upload relay {address} asks a tip of {total} FROST for {files.Count} file(s), paid to {tip.Address}. Pay it?";
            if (!result.GetValue(SkipTipConfirmation))
            {
                if (Console.IsInputRedirected || result.GetValue(ClientOptions.Json))
                {
                    throw new InvalidOperationException($"the upload relay {address} asks a tip of {total} FROST; pass --skip-tip-confirmation to pay it without a terminal to ask on");
                }

                await Console.Error.WriteAsync(question + " [y/N] ");
                var answer = (await Console.In.ReadLineAsync(cancellationToken))?.Trim();
                if (answer is null || !(answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new InvalidOperationException("the upload relay's tip was not accepted; nothing was paid");
                }
            }

            return (options with { UploadRelay = relay, MaxRelayTip = highest }, relay);
        }
        catch
        {
            relay.Dispose();
            throw;
        }
    }
}
