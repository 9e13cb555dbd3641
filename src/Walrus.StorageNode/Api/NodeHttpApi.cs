using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Epochs;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Api;

/// <summary>
/// The node API's endpoints (<see cref="NodeApiRoutes"/>) over <see cref="IStorageNodeService"/>: path and query values are
/// checked first, body limits are set before a body is read, failures become AIP-193 bodies with their stable reason.
/// </summary>
public static class NodeHttpApi
{
    private const string OctetStream = "application/octet-stream";

    /// <summary>Maps every endpoint on <paramref name="routes"/>.</summary>
    public static void Map(IEndpointRouteBuilder routes, IStorageNodeService node, PrometheusExporter metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(metrics);
        routes.MapPut(NodeApiRoutes.Metadata, Handle(logger, async context =>
        {
            var blobId = BlobIdFrom(context);
            var pending = Flag(context, NodeApiRoutes.PendingQuery);
            var body = await ReadBodyAsync(context, node.MetadataBodyLimit(blobId, pending));
            await WriteStoreOutcomeAsync(context, node.StoreMetadata(blobId, body, pending), "metadata");
        }));
        routes.MapGet(NodeApiRoutes.Metadata, Handle(logger, context => WriteBinaryAsync(context, node.GetMetadata(BlobIdFrom(context)))));
        routes.MapGet(NodeApiRoutes.MetadataStatus, Handle(logger, context =>
            WriteJsonAsync(context, 200, node.GetMetadataStatus(BlobIdFrom(context)), NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus)));

        routes.MapPut(NodeApiRoutes.Sliver, Handle(logger, async context =>
        {
            var (blobId, pair, type) = SliverFrom(context);
            var pending = Flag(context, NodeApiRoutes.PendingQuery);
            var limit = node.SliverBodyLimit(blobId, pair, type, pending);
            if (context.Request.ContentLength is not long length)
            {
                var whole = await ReadBodyAsync(context, limit);
                await WriteStoreOutcomeAsync(context, node.StoreSliver(blobId, new SliverPairIndex((ushort)pair), type, whole, pending), "sliver");
                return;
            }

            // Slivers are large (often above the large-object heap threshold): a pooled buffer per request instead of a
            // fresh array keeps the ingest path free of gen-2 collections. The service copies what it keeps.
            var buffer = await ReadPooledBodyAsync(context, length, limit);
            StoreOutcome outcome;
            try
            {
                outcome = node.StoreSliver(blobId, new SliverPairIndex((ushort)pair), type, buffer.AsMemory(0, (int)length), pending);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            await WriteStoreOutcomeAsync(context, outcome, "sliver");
        }));
        routes.MapPut(NodeApiRoutes.Slivers, Handle(logger, async context =>
        {
            var blobId = BlobIdFrom(context);
            var batch = node.BeginSliverBatch(blobId, Flag(context, NodeApiRoutes.PendingQuery));
            if (context.Request.ContentLength > batch.MaxBodyBytes)
            {
                throw new NodeException(NodeErrorReason.PayloadTooLarge, $"The body has {context.Request.ContentLength} bytes; at most {batch.MaxBodyBytes} are valid here.");
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = batch.MaxBodyBytes;
            }

            await SliverBatchReader.ReadAsync(context.Request.BodyReader, batch, context.RequestAborted);
            await WriteJsonAsync(context, 200, batch.Complete(), NodeApiJsonContext.Default.ApiSuccessBodySliverBatchOutcome);
        }));
        routes.MapGet(NodeApiRoutes.Sliver, Handle(logger, context =>
        {
            var (blobId, pair, type) = SliverFrom(context);
            return WriteBinaryAsync(context, node.GetSliver(blobId, pair, type));
        }));
        routes.MapGet(NodeApiRoutes.SliverStatus, Handle(logger, context =>
        {
            var (blobId, pair, type) = SliverFrom(context);
            return WriteJsonAsync(context, 200, node.GetSliverStatus(blobId, pair, type), NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus);
        }));

        routes.MapGet(NodeApiRoutes.PermanentConfirmation, Handle(logger, async context =>
        {
            var blobId = BlobIdFrom(context);
            var signed = await node.ConfirmAsync(blobId, null, WaitFrom(context), context.RequestAborted);
            await WriteJsonAsync(context, 200, new StorageConfirmation(signed), NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation);
        }));
        routes.MapGet(NodeApiRoutes.DeletableConfirmation, Handle(logger, async context =>
        {
            var blobId = BlobIdFrom(context);
            var objectId = ObjectIdFrom(context);
            var signed = await node.ConfirmAsync(blobId, objectId, WaitFrom(context), context.RequestAborted);
            await WriteJsonAsync(context, 200, new StorageConfirmation(signed), NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation);
        }));

        routes.MapGet(NodeApiRoutes.RecoverySymbols, Handle(logger, async context =>
        {
            var blobId = BlobIdFrom(context);
            var query = context.Request.Query;
            byte[] body;
            if (query.TryGetValue(NodeApiRoutes.SymbolIdQuery, out var ids))
            {
                if (ids.Count > ushort.MaxValue)
                {
                    throw new NodeException(NodeErrorReason.MalformedRequest, "Too many symbol ids.");
                }

                var parsed = new List<SymbolId>(ids.Count);
                foreach (var text in ids)
                {
                    if (!SymbolId.TryParse(text, out var id))
                    {
                        throw new NodeException(NodeErrorReason.MalformedRequest, $"'{Truncate(text)}' is not a symbol id P-S.");
                    }

                    parsed.Add(id);
                }

                body = await node.GetRecoverySymbolsAsync(blobId, parsed, context.RequestAborted);
            }
            else
            {
                var target = IntQuery(context, NodeApiRoutes.TargetSliverQuery);
                body = await node.GetRecoverySymbolsForTargetAsync(blobId, target, SliverTypeQuery(context), context.RequestAborted);
            }

            await WriteBinaryAsync(context, body);
        }));
        routes.MapGet(NodeApiRoutes.DecodingSymbols, Handle(logger, async context =>
        {
            var blobId = BlobIdFrom(context);
            var values = context.Request.Query[NodeApiRoutes.TargetSliversQuery];
            if (values.Count is 0 or > ushort.MaxValue)
            {
                throw new NodeException(NodeErrorReason.MalformedRequest, "Give 1 or more targetSlivers.");
            }

            var targets = new List<int>(values.Count);
            foreach (var text in values)
            {
                targets.Add(ParseIndex(text, NodeApiRoutes.TargetSliversQuery));
            }

            await WriteBinaryAsync(context, await node.GetDecodingSymbolsAsync(blobId, targets, SliverTypeQuery(context), context.RequestAborted));
        }));
        routes.MapPost(NodeApiRoutes.InconsistencyProof, Handle(logger, async context =>
        {
            var blobId = BlobIdFrom(context);
            var type = SliverTypeFrom(context, "sliverType");
            var body = await ReadBodyAsync(context, node.InconsistencyProofBodyLimit(blobId));
            await WriteJsonAsync(context, 200, node.VerifyInconsistencyProof(blobId, type, body), NodeApiJsonContext.Default.ApiSuccessBodySignedMessage);
        }));
        routes.MapGet(NodeApiRoutes.BlobStatus, Handle(logger, context =>
            WriteJsonAsync(context, 200, node.GetBlobStatus(BlobIdFrom(context)), NodeApiJsonContext.Default.ApiSuccessBodyBlobStatus)));

        routes.MapPost(SyncShardRoutes.SyncShard, Handle(logger, async context =>
        {
            var body = await ReadBodyAsync(context, SyncShardWire.MaxRequestBody);
            await WriteBinaryAsync(context, node.SyncShard(body));
        }));

        routes.MapGet(NodeApiRoutes.Health, Handle(logger, context =>
            WriteJsonAsync(context, 200, node.GetHealth(Flag(context, NodeApiRoutes.DetailedQuery)), NodeApiJsonContext.Default.ApiSuccessBodyNodeHealth)));
        routes.MapGet(NodeApiRoutes.Metrics, Handle(logger, async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await context.Response.WriteAsync(metrics.Scrape(), context.RequestAborted);
        }));
        routes.MapGet(NodeApiRoutes.Api, Handle(logger, async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(OpenApiDocument.Json, context.RequestAborted);
        }));
        routes.MapFallback(Handle(logger, context =>
            throw new NodeException(NodeErrorReason.UnknownEndpoint, $"No endpoint {context.Request.Method} {Truncate(context.Request.Path.Value)}.")));
    }

    private static RequestDelegate Handle(ILogger logger, Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (NodeException e)
        {
            Log.Rejected(logger, e.Reason, e.Message);
            await WriteErrorAsync(context, e.Reason, e.Message, e.HttpStatus);
        }
        catch (BadHttpRequestException e)
        {
            var reason = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? NodeErrorReason.PayloadTooLarge : NodeErrorReason.MalformedRequest;
            await WriteErrorAsync(context, reason, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            Log.Unexpected(logger, e, traceId);
            await WriteErrorAsync(context, NodeErrorReason.Internal, "Internal error; trace id " + traceId + ".");
        }
    };

    private static Task WriteErrorAsync(HttpContext context, string reason, string message) =>
        WriteErrorAsync(context, reason, message, NodeErrorReason.HttpStatus(reason));

    private static async Task WriteErrorAsync(HttpContext context, string reason, string message, int status)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new ApiErrorBody(new ApiError(status, NodeErrorReason.StatusName(status), message,
            [new ApiErrorDetail(reason, ApiErrorBody.NodeDomain, new Dictionary<string, string>())]));
        await JsonSerializer.SerializeAsync(context.Response.Body, body, NodeApiJsonContext.Default.ApiErrorBody, context.RequestAborted);
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, int code, T data, JsonTypeInfo<ApiSuccessBody<T>> typeInfo)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ApiSuccessBody<T>(new ApiSuccess<T>(code, data)), typeInfo, context.RequestAborted);
    }

    private static async Task WriteBinaryAsync(HttpContext context, byte[] body)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = OctetStream;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task WriteStoreOutcomeAsync(HttpContext context, StoreOutcome outcome, string what) => outcome switch
    {
        StoreOutcome.Stored => WriteJsonAsync(context, 201, what + " stored", NodeApiJsonContext.Default.ApiSuccessBodyString),
        StoreOutcome.AlreadyStored => WriteJsonAsync(context, 200, what + " already stored", NodeApiJsonContext.Default.ApiSuccessBodyString),
        _ => WriteJsonAsync(context, 202, what + " buffered until the blob's registration is seen", NodeApiJsonContext.Default.ApiSuccessBodyString),
    };

    /// <summary>
    /// Reads a body of the declared <paramref name="length"/> (at most <paramref name="limit"/>, checked before renting) into
    /// a buffer rented from the shared pool; the caller returns it.
    /// </summary>
    private static async Task<byte[]> ReadPooledBodyAsync(HttpContext context, long length, long limit)
    {
        if (length > limit)
        {
            throw new NodeException(NodeErrorReason.PayloadTooLarge, $"The body has {length} bytes; at most {limit} are valid here.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, length));
        try
        {
            var read = await context.Request.Body.ReadAtLeastAsync(buffer.AsMemory(0, (int)length), (int)length, throwOnEndOfStream: false, context.RequestAborted);
            if (read != length)
            {
                throw new NodeException(NodeErrorReason.MalformedRequest, "The body is shorter than its Content-Length.");
            }

            return buffer;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Reads a body of at most <paramref name="limit"/> bytes; the declared length is checked before anything is allocated.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpContext context, long limit)
    {
        var declared = context.Request.ContentLength;
        if (declared > limit)
        {
            throw new NodeException(NodeErrorReason.PayloadTooLarge, $"The body has {declared} bytes; at most {limit} are valid here.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (declared is long length)
        {
            var buffer = new byte[length];
            var read = await context.Request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, context.RequestAborted);
            if (read != length)
            {
                throw new NodeException(NodeErrorReason.MalformedRequest, "The body is shorter than its Content-Length.");
            }

            return buffer;
        }

        using var stream = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while ((n = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (stream.Length + n > limit)
            {
                throw new NodeException(NodeErrorReason.PayloadTooLarge, $"The body exceeds the {limit} bytes that are valid here.");
            }

            stream.Write(chunk, 0, n);
        }

        return stream.ToArray();
    }

    private static BlobId BlobIdFrom(HttpContext context)
    {
        var text = context.Request.RouteValues["blobId"] as string;
        return BlobId.TryParse(text, out var blobId)
            ? blobId
            : throw new NodeException(NodeErrorReason.InvalidBlobId, $"'{Truncate(text)}' is not a blob id (43 characters of URL-safe base64).");
    }

    private static (BlobId BlobId, int Pair, SliverType Type) SliverFrom(HttpContext context)
    {
        var blobId = BlobIdFrom(context);
        var pair = ParseIndex(context.Request.RouteValues["sliverPairIndex"] as string, "sliverPairIndex");
        return (blobId, pair, SliverTypeFrom(context, "sliverType"));
    }

    private static SliverType SliverTypeFrom(HttpContext context, string name)
    {
        var text = context.Request.RouteValues[name] as string;
        return NodeApiRoutes.TryParseSliverType(text, out var type)
            ? type
            : throw new NodeException(NodeErrorReason.MalformedRequest, $"'{Truncate(text)}' is not a sliver type (primary or secondary).");
    }

    private static SliverType SliverTypeQuery(HttpContext context)
    {
        var text = context.Request.Query[NodeApiRoutes.TargetTypeQuery].ToString();
        return NodeApiRoutes.TryParseSliverType(text, out var type)
            ? type
            : throw new NodeException(NodeErrorReason.MalformedRequest, $"{NodeApiRoutes.TargetTypeQuery} must be primary or secondary.");
    }

    private static int ParseIndex(string? text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= ushort.MaxValue
            ? value
            : throw new NodeException(NodeErrorReason.IndexOutOfRange, $"{name} '{Truncate(text)}' is not an index (0-65535).");

    private static int IntQuery(HttpContext context, string name) => ParseIndex(context.Request.Query[name].ToString(), name);

    private static bool Flag(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        return values.Count == 0 ? false
            : bool.TryParse(values.ToString(), out var flag) ? flag
            : throw new NodeException(NodeErrorReason.MalformedRequest, $"{name} must be true or false.");
    }

    private static TimeSpan WaitFrom(HttpContext context)
    {
        if (!Flag(context, NodeApiRoutes.WaitForRegistrationQuery))
        {
            return TimeSpan.Zero;
        }

        var text = context.Request.Query[NodeApiRoutes.WaitMillisQuery].ToString();
        if (text.Length == 0)
        {
            return TimeSpan.FromSeconds(5);
        }

        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            ? TimeSpan.FromMilliseconds(millis)
            : throw new NodeException(NodeErrorReason.MalformedRequest, $"{NodeApiRoutes.WaitMillisQuery} must be a number of milliseconds.");
    }

    private static BigInteger ObjectIdFrom(HttpContext context)
    {
        var text = context.Request.RouteValues["objectId"] as string ?? "";
        var value = BigInteger.Zero;
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? text.Length is > 2 and <= 66 && BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : text.Length is > 0 and <= 78 && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value.GetByteCount(isUnsigned: true) <= 32;
        return ok ? value : throw new NodeException(NodeErrorReason.MalformedRequest, $"'{Truncate(text)}' is not an object id (0x + up to 64 hex digits, or decimal).");
    }

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "...";
}
