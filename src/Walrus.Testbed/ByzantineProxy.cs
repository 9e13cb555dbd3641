using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Chain;

namespace Walrus.Testbed;

/// <summary>
/// A Byzantine storage node for the testbed, kept out of the production node: an HTTP proxy (Kestrel on a loopback
/// port, <see cref="HttpClient"/> to the real node behind it) whose address is the one the node registered on chain, so
/// that clients and other nodes reach the node only through it. It forwards every request unchanged except where its
/// <see cref="ByzantineBehaviour"/> says to lie: corrupted slivers and metadata, confirmations with a bad signature or
/// for another blob, writes (single slivers, batches of slivers, metadata) answered as stored but never forwarded. When the node is down the proxy drops the
/// connection, as a dead node would.
/// </summary>
public sealed class ByzantineProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _backend;
    private readonly NodeSigner? _signer;
    private int _behaviour;
    private long _corruptedSlivers;
    private long _corruptedMetadata;
    private long _wrongConfirmations;
    private long _droppedWrites;

    private ByzantineProxy(WebApplication app, HttpClient backend, Uri node, int port, ByzantineBehaviour behaviour, NodeSigner? signer)
    {
        _app = app;
        _backend = backend;
        _signer = signer;
        Node = node;
        Port = port;
        _behaviour = (int)behaviour;
    }

    /// <summary>The loopback port the proxy listens on (the node's registered network address).</summary>
    public int Port { get; }

    /// <summary>The real node behind the proxy.</summary>
    public Uri Node { get; }

    /// <summary>How the proxy misbehaves; can be changed while it runs (tests switch behaviours on one network).</summary>
    public ByzantineBehaviour Behaviour
    {
        get => (ByzantineBehaviour)Volatile.Read(ref _behaviour);
        set => Volatile.Write(ref _behaviour, (int)value);
    }

    /// <summary>The network address clients see: <c>127.0.0.1:port</c>.</summary>
    public string NetworkAddress => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sliver answers served corrupted so far.</summary>
    public long CorruptedSlivers => Interlocked.Read(ref _corruptedSlivers);

    /// <summary>Metadata answers served corrupted so far.</summary>
    public long CorruptedMetadata => Interlocked.Read(ref _corruptedMetadata);

    /// <summary>Confirmations served wrong (bad signature or another blob) so far.</summary>
    public long WrongConfirmations => Interlocked.Read(ref _wrongConfirmations);

    /// <summary>Metadata and sliver uploads (each sliver of a batch counted) answered as stored but not forwarded so far.</summary>
    public long DroppedWrites => Interlocked.Read(ref _droppedWrites);

    /// <summary>
    /// Starts the proxy on <paramref name="port"/> in front of the node at <paramref name="node"/>. <paramref name="signer"/>
    /// (the node's signing key; owned by the proxy) signs the confirmations for other blobs; without it every wrong
    /// confirmation carries a bad signature.
    /// </summary>
    public static async Task<ByzantineProxy> StartAsync(int port, Uri node, ByzantineBehaviour behaviour, NodeSigner? signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var backend = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = node,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var proxy = new ByzantineProxy(app, backend, node, port, behaviour, signer);
        app.Run(proxy.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = Classify(request.Method, request.Path.Value ?? "");
        var behaviour = Behaviour;
        if (route == Route.Write && behaviour.HasFlag(ByzantineBehaviour.DropWrites))
        {
            await DropWriteAsync(context);
            return;
        }

        if (route == Route.BatchWrite && behaviour.HasFlag(ByzantineBehaviour.DropWrites))
        {
            await DropBatchWriteAsync(context);
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.Value + request.QueryString.Value);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(request.Body);
            forward.Content.Headers.ContentLength = request.ContentLength;
            if (request.ContentType is { } type)
            {
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _backend.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The node is down (or the caller left): look like a dead node, not like a node answering an error.
            context.Abort();
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType.ToString();
            }

            var corrupt = response.StatusCode == HttpStatusCode.OK && route switch
            {
                Route.SliverRead => behaviour.HasFlag(ByzantineBehaviour.CorruptSlivers),
                Route.MetadataRead => behaviour.HasFlag(ByzantineBehaviour.CorruptMetadata),
                Route.ConfirmationRead => behaviour.HasFlag(ByzantineBehaviour.WrongConfirmations),
                _ => false,
            };
            if (!corrupt)
            {
                if (response.Content.Headers.ContentLength is { } length)
                {
                    context.Response.ContentLength = length;
                }

                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                return;
            }

            // The answers it lies in are single slivers, metadata and confirmations, each bounded by the node's limits.
            var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            body = route switch
            {
                Route.SliverRead => CorruptSliver(body),
                Route.MetadataRead => CorruptMetadataBytes(body),
                _ => WrongConfirmation(body),
            };
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private async Task DropWriteAsync(HttpContext context)
    {
        // Read the upload to its end (a well-behaved server would too), then claim it was stored.
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        Interlocked.Increment(ref _droppedWrites);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ApiSuccessBody<string>(new ApiSuccess<string>(201, "stored")),
            NodeApiJsonContext.Default.ApiSuccessBodyString, context.RequestAborted);
    }

    private async Task DropBatchWriteAsync(HttpContext context)
    {
        // Read the records to the end, then claim every one was stored (a well-behaved node accounts for each record).
        var records = await CountBatchRecordsAsync(context.Request.Body, context.RequestAborted);
        Interlocked.Add(ref _droppedWrites, records);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ApiSuccessBody<SliverBatchOutcome>(new ApiSuccess<SliverBatchOutcome>(200, new SliverBatchOutcome(records, 0, 0))),
            NodeApiJsonContext.Default.ApiSuccessBodySliverBatchOutcome, context.RequestAborted);
    }

    /// <summary>The number of <see cref="SliverBatchWire"/> records in a body, read to its end without keeping the data.</summary>
    private static async Task<int> CountBatchRecordsAsync(Stream body, CancellationToken cancellationToken)
    {
        var header = new byte[SliverBatchWire.HeaderLength];
        var skip = new byte[64 * 1024];
        var records = 0;
        while (await body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken) == header.Length)
        {
            records++;
            var left = (long)SliverBatchWire.ReadHeader(header).Length;
            while (left > 0)
            {
                var read = await body.ReadAsync(skip.AsMemory(0, (int)Math.Min(skip.Length, left)), cancellationToken);
                if (read == 0)
                {
                    return records;
                }

                left -= read;
            }
        }

        return records;
    }

    /// <summary>BCS SliverData ends with the symbol size and the index (2 + 2 bytes): flip the last symbol byte before them.</summary>
    private byte[] CorruptSliver(byte[] body)
    {
        if (body.Length > 5)
        {
            body[^5] ^= 0x5A;
            Interlocked.Increment(ref _corruptedSlivers);
        }

        return body;
    }

    /// <summary>BCS BlobMetadataWithId ends with the last sliver pair's hashes: flip their last byte.</summary>
    private byte[] CorruptMetadataBytes(byte[] body)
    {
        if (body.Length > 0)
        {
            body[^1] ^= 0x5A;
            Interlocked.Increment(ref _corruptedMetadata);
        }

        return body;
    }

    private byte[] WrongConfirmation(byte[] body)
    {
        ApiSuccessBody<StorageConfirmation>? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation);
        }
        catch (JsonException)
        {
            return body;
        }

        if (parsed?.Success.Data.Signed is not { } signed)
        {
            return body;
        }

        var count = Interlocked.Increment(ref _wrongConfirmations);
        SignedMessage wrong;
        if (count % 2 == 0 && _signer is not null && ConfirmationMessage.TryParse(signed.SerializedMessage, out var message))
        {
            // A real signature by the node's key, on a confirmation of a blob id that was never asked for.
            Span<byte> other = stackalloc byte[BlobId.Length];
            message.BlobId.CopyTo(other);
            other[0] ^= 0xFF;
            wrong = _signer.Sign(message with { BlobId = new BlobId(other) });
        }
        else
        {
            var signature = (byte[])signed.Signature.Clone();
            if (signature.Length > 0)
            {
                signature[0] ^= 0xFF;
            }

            wrong = signed with { Signature = signature };
        }

        return JsonSerializer.SerializeToUtf8Bytes(new ApiSuccessBody<StorageConfirmation>(new ApiSuccess<StorageConfirmation>(parsed.Success.Code, new StorageConfirmation(wrong))),
            NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation);
    }

    /// <summary>Which of the node API's routes a request is, as far as lying goes.</summary>
    private static Route Classify(string method, string path)
    {
        // /v1/blobs/{id}/metadata, /v1/blobs/{id}/slivers/{pair}/{type}, /v1/blobs/{id}/slivers, /v1/blobs/{id}/confirmation/...
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4 || parts[0] != "v1" || parts[1] != "blobs")
        {
            return Route.Other;
        }

        var isGet = HttpMethods.IsGet(method);
        var isPut = HttpMethods.IsPut(method);
        return parts[3] switch
        {
            "metadata" when parts.Length == 4 && isPut => Route.Write,
            "metadata" when parts.Length == 4 && isGet => Route.MetadataRead,
            "slivers" when parts.Length == 6 && isPut => Route.Write,
            "slivers" when parts.Length == 4 && isPut => Route.BatchWrite,
            "slivers" when parts.Length == 6 && isGet => Route.SliverRead,
            "confirmation" when isGet => Route.ConfirmationRead,
            _ => Route.Other,
        };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
            _backend.Dispose();
            _signer?.Dispose();
        }
    }

    private enum Route
    {
        Other,
        Write,
        BatchWrite,
        MetadataRead,
        SliverRead,
        ConfirmationRead,
    }
}
