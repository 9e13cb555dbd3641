using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Api;

/// <summary>The node's Kestrel server: HTTP/1.1 and HTTP/2 (HTTP/2 through ALPN when TLS is configured), the node API routes.</summary>
public sealed class NodeHttpServer : IAsyncDisposable
{
    private const int MinPoolThreads = 32;

    private readonly WebApplication _app;

    private NodeHttpServer(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    /// <summary>Where the server listens (with the actual port when 0 was asked for).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts listening.</summary>
    public static async Task<NodeHttpServer> StartAsync(
        IStorageNodeService service, PrometheusExporter metrics, StorageNodeOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        // Sliver and metadata PUTs block a pool thread for their synced write; with the default minimum (one thread per
        // core) concurrent uploads wait for the pool's slow thread injection instead of for the disk.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinPoolThreads), completionPorts);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Per-endpoint limits are set from the shard count before each body is read; this is only the outer bound.
            kestrel.Limits.MaxRequestBodySize = 64L << 20;
            kestrel.Limits.MaxRequestLineSize = 16 * 1024;
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (!string.IsNullOrEmpty(options.TlsCertificateFile))
                {
                    listen.UseHttps(options.TlsCertificateFile);
                }
            });
        });
        var app = builder.Build();
        NodeHttpApi.Map(app, service, metrics, loggerFactory.CreateLogger("Walrus.StorageNode.Api"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new NodeHttpServer(app, new Uri(address));
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
