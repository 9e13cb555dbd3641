using System.CommandLine;
using Microsoft.Extensions.Logging;
using Walrus.Chain;
using Walrus.Client;
using Walrus.Client.UploadRelay;
using Walrus.Gateway;
using Walrus.Gateway.UploadRelay;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus upload-relay --bind-address 127.0.0.1:3000 [--config] [--context] [--tip-address ADDR (--tip-const N |
/// --tip-base B --tip-per-kib M)]</c>: takes registered blobs in one POST each, fans them out to the storage nodes and
/// answers the confirmation certificate; asks a WAL tip when a tip address is given. Needs no wallet.
/// </summary>
internal static class UploadRelayCommand
{
    public static Command Create()
    {
        var defaults = new UploadRelayOptions();
        var bind = new Option<string>("--bind-address", "-b") { Description = "Address and port to listen on.", DefaultValueFactory = _ => "127.0.0.1:3000" };
        var tipAddress = new Option<string?>("--tip-address") { Description = "Ask a tip, paid in WAL to this address (none: uploads are free)." };
        var tipConst = new Option<ulong?>("--tip-const") { Description = "The tip per upload, in FROST (with --tip-address)." };
        var tipBase = new Option<ulong?>("--tip-base") { Description = "Linear tip: FROST per upload (with --tip-per-kib)." };
        var tipPerKib = new Option<ulong?>("--tip-per-kib") { Description = "Linear tip: FROST per KiB of encoded size, added to --tip-base." };
        var tipMaxAge = new Option<long>("--tip-max-age") { Description = "Oldest tip transaction accepted, in seconds.", DefaultValueFactory = _ => (long)defaults.TipMaxAge.TotalSeconds };
        var usedTips = new Option<string?>("--used-tips-file") { Description = "File remembering the tips already used (default: walrus/upload-relay-used-tips in the local application data folder)." };
        var maxBody = new Option<long>("--max-body-size") { Description = "Largest blob accepted, in KiB.", DefaultValueFactory = _ => defaults.MaxBodyBytes / 1024 };
        var maxConcurrent = new Option<int>("--max-concurrent-requests") { Description = "Uploads fanned out at once.", DefaultValueFactory = _ => defaults.MaxConcurrent };
        var maxQueued = new Option<int>("--max-request-buffer-size") { Description = "Uploads waiting for a slot; more answer 429.", DefaultValueFactory = _ => defaults.MaxQueued };
        var verbose = new Option<bool>("--verbose") { Description = "Log every upload and every rejected request." };
        var command = new Command("upload-relay", "Serve an upload relay: clients register a blob, POST it once, and get the certificate to certify it.")
        {
            bind, tipAddress, tipConst, tipBase, tipPerKib, tipMaxAge, usedTips, maxBody, maxConcurrent, maxQueued, verbose,
        };
        command.Options.Add(ClientOptions.Config);
        command.Options.Add(ClientOptions.Context);
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var tip = TipConfig(result.GetValue(tipAddress), result.GetValue(tipConst), result.GetValue(tipBase), result.GetValue(tipPerKib));
            var config = ClientConfigFile.Load(result.GetValue(ClientOptions.Config), result.GetValue(ClientOptions.Context));
            var deployment = await config.LoadDeploymentAsync(token);
            var relay = new UploadRelayOptions
            {
                Tip = tip,
                TipMaxAge = TimeSpan.FromSeconds(result.GetValue(tipMaxAge)),
                UsedTipsPath = result.GetValue(usedTips)
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "walrus", "upload-relay-used-tips"),
                MaxBodyBytes = checked(result.GetValue(maxBody) * 1024),
                MaxConcurrent = result.GetValue(maxConcurrent),
                MaxQueued = result.GetValue(maxQueued),
            };
            var options = new GatewayOptions { Publisher = false, Aggregator = false, BindAddress = result.GetValue(bind)!, UploadRelay = relay };
            using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning).AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            }));
            using var client = WalrusClient.Create(config.RpcUrl, deployment);
            await using var server = await GatewayServer.StartAsync(client, null, options, loggerFactory, cancellationToken: token);
            await Console.Error.WriteLineAsync($"walrus upload-relay listening on {server.BaseAddress} ({(tip is null ? "no tip" : $"tip {Describe(tip)} to {tip.Address}")})");
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM: stop serving.
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The tip asked (null: none) from the tip options, refusing half-given or contradictory ones.</summary>
    internal static RelayTipConfig? TipConfig(string? address, ulong? constant, ulong? tipBase, ulong? perKib)
    {
        if (address is null)
        {
            return constant is null && tipBase is null && perKib is null
                ? null
                : throw new ArgumentException("--tip-const, --tip-base and --tip-per-kib need --tip-address (who is paid)");
        }

        var to = Address.Parse(address);
        if (constant is { } amount)
        {
            return tipBase is null && perKib is null
                ? new RelayTipConfig(to, new ConstRelayTip(amount))
                : throw new ArgumentException("give --tip-const or --tip-base/--tip-per-kib, not both");
        }

        return tipBase is not null || perKib is not null
            ? new RelayTipConfig(to, new LinearRelayTip(tipBase ?? 0, perKib ?? 0))
            : throw new ArgumentException("--tip-address needs --tip-const or --tip-base/--tip-per-kib");
    }

    private static string Describe(RelayTipConfig tip) => tip.Kind switch
    {
        ConstRelayTip c => $"{c.Amount} FROST per upload",
        LinearRelayTip l => $"{l.Base} FROST + {l.EncodedSizeMulPerKib} FROST per encoded KiB",
        _ => tip.Kind.ToString(),
    };
}
