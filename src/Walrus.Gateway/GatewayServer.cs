using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.Gateway.Json;

namespace Walrus.Gateway;

/// <summary>
/// The publisher / aggregator / daemon: Kestrel (HTTP/1.1) serving Walrus's HTTP API over a <see cref="WalrusClient"/>,
/// with CORS, a request id on every answer, Prometheus metrics at <c>/metrics</c> and the OpenAPI document at <c>/v1/api</c>.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GatewayTelemetry _telemetry;
    private readonly GatewayPrometheusExporter _exporter;
    private readonly List<IDisposable> _endpoints;

    private GatewayServer(WebApplication app, Uri address, GatewayTelemetry telemetry, GatewayPrometheusExporter exporter, BlobCache cache, List<IDisposable> endpoints)
    {
        _endpoints = endpoints;
        _app = app;
        BaseAddress = address;
        _telemetry = telemetry;
        _exporter = exporter;
        Cache = cache;
    }

    /// <summary>Where the server listens (with the actual port when 0 was asked for).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The read cache.</summary>
    public BlobCache Cache { get; }

    /// <summary>
    /// Starts serving. The publisher needs <paramref name="wallet"/> (the client's paying key; not disposed here) and
    /// <paramref name="client"/> made with it.
    /// </summary>
    public static async Task<GatewayServer> StartAsync(
        WalrusClient client, PrivateKey? wallet, GatewayOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (options.Publisher && wallet is null)
        {
            throw new ArgumentException("A publisher needs a wallet.", nameof(wallet));
        }

        time ??= TimeProvider.System;
        var (host, port) = ParseBindAddress(options.BindAddress);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRouting();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (options.CorsOrigins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. options.CorsOrigins]);
            }

            policy.AllowAnyHeader().WithMethods("GET", "HEAD", "PUT", "POST", "OPTIONS")
                .WithExposedHeaders("Content-Range", "Accept-Ranges", "ETag", "Content-Length", GatewayHttp.RequestIdHeader);
        }));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Math.Max(options.Publisher ? Math.Max(options.MaxBodyBytes, 1) : 1 << 20, options.UploadRelay?.MaxBodyBytes ?? 0);
            kestrel.Limits.MaxRequestLineSize = 16 * 1024;
            // Plain HTTP: HTTP/1.1 (HTTP/2 needs TLS to be negotiated; put a TLS proxy or CDN in front for it).
            kestrel.Listen(host, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        var logger = loggerFactory.CreateLogger("Walrus.Gateway");
        var telemetry = new GatewayTelemetry();
        var exporter = new GatewayPrometheusExporter(telemetry.Meter);
        var cache = new BlobCache(options.CacheBytes, options.CacheMaxBlobBytes);
        var diskCache = options.DiskCacheDirectory is { } cacheFolder ? new DiskBlobCache(cacheFolder, options.DiskCacheBytes, options.DiskCacheMaxBlobBytes) : null;
        var availability = new BlobAvailabilityChecker(client, time, options.AvailabilityCacheTime);

        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            context.Response.Headers[GatewayHttp.RequestIdHeader] = context.TraceIdentifier;
            try
            {
                await next(context);
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other";
                var tags = new TagList { { "route", route }, { "method", context.Request.Method }, { "status", context.Response.StatusCode } };
                telemetry.Requests.Add(1, tags);
                telemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("route", route));
            }
        });
        app.UseCors();

        var endpoints = new List<IDisposable>();
        if (options.Aggregator)
        {
            var aggregator = new AggregatorEndpoints(client, options, availability, cache, diskCache, telemetry, logger);
            aggregator.Map(app);
            endpoints.Add(aggregator);
        }

        if (options.Publisher)
        {
            var auth = options.Auth is { } authOptions ? new PublisherAuth(authOptions, time) : null;
            var publisher = new PublisherEndpoints(client, wallet!, options, availability, auth, telemetry, logger);
            publisher.Map(app);
            endpoints.Add(publisher);
        }

        if (options.UploadRelay is { } relayOptions)
        {
            var relay = new UploadRelay.UploadRelayEndpoints(client, relayOptions, options.TempDirectory, time, logger);
            relay.Map(app);
            endpoints.Add(relay);
        }

        new Quilts.QuiltEndpoints(client, wallet, options, availability, logger).Map(app);
        app.MapGet(GatewayRoutes.Status, GatewayHttp.Handle(logger, async context =>
        {
            var committee = await client.GetCommitteeAsync(context.RequestAborted);
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            await JsonSerializer.SerializeAsync(context.Response.Body,
                new GatewayStatus("ok", options.Publisher, options.Aggregator, committee.Epoch.Value, committee.Members.Count, committee.ShardCount),
                GatewayJsonContext.Default.GatewayStatus, context.RequestAborted);
        }));
        app.MapGet(GatewayRoutes.Api, GatewayHttp.Handle(logger, async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(GatewayOpenApi.Document(options.Publisher, options.Aggregator, options.UploadRelay is not null), context.RequestAborted);
        }));
        app.MapGet(GatewayRoutes.Metrics, GatewayHttp.Handle(logger, async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(exporter.Scrape(), context.RequestAborted);
        }));
        app.MapFallback(GatewayHttp.Handle(logger, context =>
            throw new GatewayException(GatewayErrorReason.UnknownEndpoint, $"No endpoint {context.Request.Method} {GatewayHttp.Truncate(context.Request.Path.Value)}.")));

        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Log.Listening(logger, address, options.Publisher, options.Aggregator);
        return new GatewayServer(app, address, telemetry, exporter, cache, endpoints);
    }

    /// <summary>Waits until the server stops (Ctrl-C through the token).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary><c>host:port</c> (IPv4, [IPv6] or localhost) as an address and port.</summary>
    public static (IPAddress Host, int Port) ParseBindAddress(string bindAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(bindAddress);
        var colon = bindAddress.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(bindAddress.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"'{bindAddress}' is not host:port.");
        }

        var host = bindAddress[..colon].Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return (IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var address) ? (address, port) : throw new FormatException($"'{host}' is not an IP address.");
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _exporter.Dispose();
        foreach (var endpoint in _endpoints)
        {
            endpoint.Dispose();
        }

        _telemetry.Dispose();
    }
}
