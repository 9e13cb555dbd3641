using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Logging;
using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.Gateway;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus daemon --bind-address 127.0.0.1:31415 [--config] [--context] [--wallet]</c>: publisher and aggregator on one
/// address; also builds <c>walrus publisher</c> and <c>walrus aggregator</c>, which serve one role each.
/// </summary>
internal static class DaemonCommand
{
    public static Command Create() => CreateGateway("daemon", "Serve Walrus's HTTP API: publisher (PUT /v1/blobs) and aggregator (GET /v1/blobs/...).", publisher: true, aggregator: true);

    /// <summary>A gateway command serving the given roles.</summary>
    internal static Command CreateGateway(string name, string description, bool publisher, bool aggregator)
    {
        var defaults = new GatewayOptions();
        var bind = new Option<string>("--bind-address", "-b") { Description = "Address and port to listen on.", DefaultValueFactory = _ => defaults.BindAddress };
        var maxBody = new Option<long>("--max-body-size") { Description = "Largest blob a PUT accepts, in KiB.", DefaultValueFactory = _ => defaults.MaxBodyBytes / 1024 };
        var maxConcurrent = new Option<int?>("--max-concurrent-requests") { Description = "Requests served at once (default 8 stores, 256 reads)." };
        var maxQueued = new Option<int?>("--max-request-buffer-size") { Description = "Requests waiting for a slot; more answer 429 (default 8 stores, 320 reads)." };
        var cacheMiB = new Option<long>("--cache-size") { Description = "MiB of whole blobs the read cache keeps in memory (0: none).", DefaultValueFactory = _ => defaults.CacheBytes >> 20 };
        var diskCacheDir = new Option<string?>("--disk-cache-dir") { Description = "Folder for the read cache's disk tier (whole blobs kept across restarts, checked by hash before they are served); none by default." };
        var diskCacheMiB = new Option<long>("--disk-cache-size") { Description = "MiB of whole blobs the disk tier keeps.", DefaultValueFactory = _ => defaults.DiskCacheBytes >> 20 };
        var jwtSecret = new Option<string?>("--jwt-decode-secret") { Description = "Require HS256 JWT bearer tokens signed with this secret on PUT (publisher)." };
        var jwtExpiring = new Option<long?>("--jwt-expiring-sec") { Description = "Refuse tokens that live longer than this (exp - iat)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every rejected request." };
        var command = new Command(name, description) { bind, maxBody, maxConcurrent, maxQueued, cacheMiB, verbose };
        if (aggregator)
        {
            command.Options.Add(diskCacheDir);
            command.Options.Add(diskCacheMiB);
        }

        if (publisher)
        {
            command.Options.Add(jwtSecret);
            command.Options.Add(jwtExpiring);
        }

        command.WithClientOptions();
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            var config = ClientConfigFile.Load(result.GetValue(ClientOptions.Config), result.GetValue(ClientOptions.Context));
            var deployment = await config.LoadDeploymentAsync(token);
            PrivateKey? wallet = null;
            if (publisher)
            {
                var walletFile = result.GetValue(ClientOptions.Wallet) ?? config.WalletFile
                    ?? throw new FileNotFoundException("no wallet: pass --wallet or set \"wallet\" in the client config (walrus generate-wallet makes one)");
                wallet = await KeyFile.ReadAsync(walletFile, token);
            }

            var secret = publisher ? result.GetValue(jwtSecret) : null;
            var options = new GatewayOptions
            {
                Publisher = publisher,
                Aggregator = aggregator,
                BindAddress = result.GetValue(bind)!,
                MaxBodyBytes = checked(result.GetValue(maxBody) * 1024),
                PublisherMaxConcurrent = result.GetValue(maxConcurrent) ?? defaults.PublisherMaxConcurrent,
                PublisherMaxQueued = result.GetValue(maxQueued) ?? defaults.PublisherMaxQueued,
                AggregatorMaxConcurrent = result.GetValue(maxConcurrent) ?? defaults.AggregatorMaxConcurrent,
                AggregatorMaxQueued = result.GetValue(maxQueued) ?? defaults.AggregatorMaxQueued,
                CacheBytes = checked(result.GetValue(cacheMiB) << 20),
                DiskCacheDirectory = aggregator ? result.GetValue(diskCacheDir) : null,
                DiskCacheBytes = checked(result.GetValue(diskCacheMiB) << 20),
                Auth = string.IsNullOrEmpty(secret) ? null : new PublisherAuthOptions
                {
                    Secret = Encoding.UTF8.GetBytes(secret),
                    MaxLifetime = result.GetValue(jwtExpiring) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                },
            };
            using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning).AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            }));
            using var client = WalrusClient.Create(config.RpcUrl, deployment, wallet);
            try
            {
                await using var server = await GatewayServer.StartAsync(client, wallet, options, loggerFactory, cancellationToken: token);
                await Console.Error.WriteLineAsync($"walrus {name} listening on {server.BaseAddress}");
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // Ctrl-C or SIGTERM: stop serving.
                }
            }
            finally
            {
                wallet?.Dispose();
            }

            return 0;
        }));
        return command;
    }
}
