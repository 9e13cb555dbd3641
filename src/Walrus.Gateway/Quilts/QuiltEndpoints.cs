using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.Core;
using Walrus.Core.Quilts;
using Walrus.Gateway.Json;

namespace Walrus.Gateway.Quilts;

/// <summary>
/// Quilts over HTTP (Walrus's API): the publisher's <c>PUT /v1/quilts</c> (multipart, one field per file named by its
/// identifier, tags in <c>_metadata</c>), the aggregator's <c>GET /v1/blobs/by-quilt-patch-id/{id}</c>,
/// <c>GET /v1/blobs/by-quilt-id/{quiltId}/{identifier}</c> (a patch's bytes, read from its columns only, with
/// <c>X-Quilt-Patch-Identifier</c> and its allowed tags as headers; HEAD too; ETag, If-None-Match and Range as on blobs),
/// <c>GET /v1/quilts/{quiltId}/patches</c>, and beyond Walrus <c>GET /v1/quilts/{quiltId}/patches-content</c> (several
/// patches as <c>multipart/mixed</c>, see <see cref="QuiltPatchesContent"/>).
/// </summary>
internal sealed class QuiltEndpoints(WalrusClient client, PrivateKey? wallet, GatewayOptions options, BlobAvailabilityChecker availability, ILogger logger)
{
    /// <summary>Walrus's default limit of a quilt upload: 102,400 KiB.</summary>
    public const long MaxQuiltBodyBytes = 102_400L * 1024;

    public void Map(IEndpointRouteBuilder routes)
    {
        if (options.Publisher && wallet is not null)
        {
            routes.MapPut(QuiltRoutes.Quilts, GatewayHttp.Handle(logger, StoreAsync));
        }

        if (options.Aggregator)
        {
            routes.MapMethods(QuiltRoutes.ByPatchId, [HttpMethods.Get, HttpMethods.Head], GatewayHttp.Handle(logger, context =>
            {
                var text = context.Request.RouteValues["patchId"] as string;
                var patchId = QuiltPatchId.TryParse(text, out var id)
                    ? id
                    : throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'{GatewayHttp.Truncate(text)}' is not a quilt patch id (50 characters of URL-safe base64).");
                return ServePatchAsync(context, patchId.QuiltId, patchId, null);
            }));
            routes.MapMethods(QuiltRoutes.ByQuiltIdAndIdentifier, [HttpMethods.Get, HttpMethods.Head], GatewayHttp.Handle(logger, context =>
            {
                var quiltId = QuiltIdFrom(context);
                // A catch-all route value keeps "/" escaped; identifiers may hold "/".
                var identifier = (context.Request.RouteValues["identifier"] as string)?.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
                if (string.IsNullOrEmpty(identifier))
                {
                    throw new GatewayException(GatewayErrorReason.MalformedRequest, "The path names no patch identifier.");
                }

                return ServePatchAsync(context, quiltId, null, identifier);
            }));
            routes.MapGet(QuiltRoutes.Patches, GatewayHttp.Handle(logger, ListAsync));
            routes.MapGet(QuiltRoutes.PatchesContent, GatewayHttp.Handle(logger, context =>
                new QuiltPatchesContent(client, options).ServeAsync(context, QuiltIdFrom(context), ct => CheckAvailableAsync(QuiltIdFrom(context), ct))));
        }
    }

    private async Task StoreAsync(HttpContext context)
    {
        var request = ParseStoreQuery(context);
        if (context.Request.ContentLength > MaxQuiltBodyBytes)
        {
            throw new GatewayException(GatewayErrorReason.PayloadTooLarge, $"The quilt is larger than this publisher's limit of {MaxQuiltBodyBytes} bytes.", 413);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxQuiltBodyBytes;
        }

        using var upload = await QuiltUpload.ReadAsync(context, options.TempDirectory, MaxQuiltBodyBytes, context.RequestAborted);
        QuiltStoreResult stored;
        try
        {
            stored = await client.StoreQuiltAsync(upload.Patches, new StoreOptions { Epochs = request.Epochs, Deletable = request.Deletable, Force = request.Force }, null, context.RequestAborted);
        }
        catch (QuiltException e)
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest, "The files do not make a quilt: " + e.Message);
        }
        catch (WalrusClientException e)
        {
            throw new GatewayException(GatewayErrorReason.StoreFailed, "The store failed: " + e.Message);
        }

        var result = stored.BlobStoreResult;
        availability.Forget(result.BlobId);
        BlobStoreResponse blobStoreResult;
        if (result.Outcome == StoreOutcome.AlreadyCertified)
        {
            blobStoreResult = StoreResultMapping.ToResponse(result, request.Epochs, null, result.ObjectId);
        }
        else
        {
            var objectId = result.ObjectId ?? throw new GatewayException(GatewayErrorReason.StoreFailed, $"quilt {result.BlobId}: the store reported no blob object");
            var blobObject = await client.Chain.GetBlobAsync(objectId, context.RequestAborted);
            if (request.SendObjectTo is { } to)
            {
                await client.Chain.BlobRegistry.TransferFromAsync(wallet!, wallet!.Address, to, objectId, context.RequestAborted);
            }

            blobStoreResult = StoreResultMapping.ToResponse(result, request.Epochs, blobObject, null);
        }

        var answer = new QuiltStoreResponse(blobStoreResult, [.. stored.Patches.Select(p => new StoredQuiltBlobResponse(p.Identifier, p.PatchId.ToString()))]);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, answer, QuiltJsonContext.Default.QuiltStoreResponse, context.RequestAborted);
    }

    /// <summary>The publisher's query, plus <c>quilt_version</c> (only V1), which is taken out before the shared checks.</summary>
    private PublisherRequest ParseStoreQuery(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.TryGetValue(QuiltRoutes.QuiltVersion, out var version))
        {
            if (version.Count != 1 || !string.Equals(version[0], "V1", StringComparison.OrdinalIgnoreCase) && version[0] != "1")
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, "'quilt_version' must be V1 (the only quilt version).");
            }

            var rest = query.Where(q => q.Key != QuiltRoutes.QuiltVersion).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)));
            context.Request.QueryString = QueryString.Create(rest);
        }

        return PublisherRequest.Parse(context, options.MaxEpochs);
    }

    /// <summary>
    /// One patch (GET or HEAD), by id or by identifier, with the blob routes' ETag, If-None-Match (304) and single Range
    /// (206, 416). HEAD and a 304 by id fetch no column; HEAD reads the patch header's columns only (by identifier, the
    /// index's first); If-None-Match by identifier needs the index only.
    /// </summary>
    private async Task ServePatchAsync(HttpContext context, BlobId quiltId, QuiltPatchId? knownId, string? identifier)
    {
        await CheckAvailableAsync(quiltId, context.RequestAborted);
        var response = context.Response;
        response.Headers.CacheControl = AggregatorEndpoints.BlobCacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.AcceptRanges = "bytes";
        response.Headers[GatewayHttp.RequestIdHeader] = context.TraceIdentifier;
        var patchId = knownId;
        if (patchId is null && context.Request.Headers.IfNoneMatch.Count > 0)
        {
            var listed = await ReadOrFailAsync(ct => client.ListQuiltPatchesAsync(quiltId, ct), context.RequestAborted);
            patchId = listed.FirstOrDefault(p => string.Equals(p.Identifier, identifier, StringComparison.Ordinal))?.PatchId
                ?? throw new GatewayException(QuiltRoutes.PatchNotFound, $"quilt {quiltId} has no patch \"{GatewayHttp.Truncate(identifier)}\"", 404);
        }

        if (patchId is { } known)
        {
            // A patch id names the bytes of an immutable blob: the id is a strong validator.
            response.Headers.ETag = ETag(known);
            if (AggregatorEndpoints.IfNoneMatch(context, ETag(known)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        var head = HttpMethods.IsHead(context.Request.Method);
        QuiltPatchInfo info;
        byte[]? data = null;
        if (head)
        {
            info = await ReadOrFailAsync(ct => patchId is { } id ? client.ReadQuiltPatchInfoAsync(id, ct) : client.ReadQuiltPatchInfoAsync(quiltId, identifier!, ct), context.RequestAborted);
        }
        else
        {
            var patch = await ReadOrFailAsync(ct => patchId is { } id ? client.ReadQuiltPatchAsync(id, ct) : client.ReadQuiltPatchAsync(quiltId, identifier!, ct), context.RequestAborted);
            info = new QuiltPatchInfo(patch.PatchId, patch.Identifier, patch.Tags, patch.Data.Length);
            data = patch.Data;
        }

        response.Headers.ETag = ETag(info.PatchId);
        var size = info.Length;
        var range = new ByteRange(0, size);
        switch (ByteRange.Parse(context.Request.Headers.Range, size, out var asked))
        {
            case ByteRangeRequest.Unsatisfiable:
                throw new GatewayException(GatewayErrorReason.InvalidByteRange, $"The range '{GatewayHttp.Truncate(context.Request.Headers.Range)}' cannot be served from {size} bytes.")
                {
                    Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Content-Range"] = "bytes */" + size.ToString(CultureInfo.InvariantCulture) },
                };
            case ByteRangeRequest.Partial:
                range = asked;
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = range.ContentRange(size);
                break;
            default:
                response.StatusCode = StatusCodes.Status200OK;
                break;
        }

        response.ContentType = "application/octet-stream";
        foreach (var (name, value) in PatchHeaders(info.Identifier, info.Tags, options.AllowedHeaders))
        {
            response.Headers[name] = value;
        }

        response.ContentLength = range.Length;
        if (data is not null && range.Length > 0)
        {
            await response.Body.WriteAsync(data.AsMemory((int)range.Start, (int)range.Length), context.RequestAborted);
        }
    }

    /// <summary>
    /// The headers a patch carries: <c>X-Quilt-Patch-Identifier</c>, then each tag whose name is an allowed header (a
    /// <c>content-type</c> tag becomes the Content-Type) and whose value is printable ASCII.
    /// </summary>
    internal static IEnumerable<KeyValuePair<string, string>> PatchHeaders(string identifier, QuiltTags tags, IReadOnlyList<string> allowed)
    {
        yield return KeyValuePair.Create(QuiltRoutes.PatchIdentifierHeader, HeaderValue(identifier));
        foreach (var (key, value) in tags)
        {
            var name = key.ToLowerInvariant();
            if (allowed.Contains(name) && IsHeaderSafe(value))
            {
                yield return KeyValuePair.Create(name, value);
            }
        }
    }

    private static string ETag(QuiltPatchId patchId) => "\"" + patchId + "\"";

    /// <summary>Runs a patch read, turning the client's failures into the gateway's answers (404 for a patch that is not there).</summary>
    internal static async Task<T> ReadOrFailAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read(cancellationToken);
        }
        catch (QuiltPatchNotFoundException e)
        {
            throw new GatewayException(QuiltRoutes.PatchNotFound, e.Message, 404);
        }
        catch (BlobInvalidException e)
        {
            throw new GatewayException(GatewayErrorReason.BlobNotFound, e.Message);
        }
        catch (WalrusClientException e) when (e.Message.Contains("is not a quilt", StringComparison.Ordinal))
        {
            throw new GatewayException(QuiltRoutes.PatchNotFound, e.Message, 404);
        }
        catch (WalrusClientException e)
        {
            throw new GatewayException(GatewayErrorReason.BlobUnavailable, e.Message);
        }
    }

    private async Task ListAsync(HttpContext context)
    {
        var quiltId = QuiltIdFrom(context);
        await CheckAvailableAsync(quiltId, context.RequestAborted);
        IReadOnlyList<StoredQuiltPatch> patches;
        try
        {
            patches = await client.ListQuiltPatchesAsync(quiltId, context.RequestAborted);
        }
        catch (WalrusClientException e) when (e.Message.Contains("is not a quilt", StringComparison.Ordinal))
        {
            throw new GatewayException(GatewayErrorReason.BlobNotFound, e.Message);
        }
        catch (WalrusClientException e)
        {
            throw new GatewayException(GatewayErrorReason.BlobUnavailable, e.Message);
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = AggregatorEndpoints.BlobCacheControl;
        await JsonSerializer.SerializeAsync(context.Response.Body,
            patches.Select(p => new QuiltPatchItem(p.Identifier, p.PatchId.ToString(), p.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal))).ToList(),
            QuiltJsonContext.Default.ListQuiltPatchItem, context.RequestAborted);
    }

    internal async Task CheckAvailableAsync(BlobId quiltId, CancellationToken cancellationToken)
    {
        var state = await availability.CheckAsync(quiltId, cancellationToken);
        switch (state.Kind)
        {
            case BlobAvailabilityKind.NotFound:
                throw new GatewayException(GatewayErrorReason.BlobNotFound, $"Quilt {quiltId} is not available: {state.Why}.");
            case BlobAvailabilityKind.Forbidden:
                throw new GatewayException(GatewayErrorReason.ForbiddenBlob, $"Quilt {quiltId} is forbidden: {state.Why}.");
        }
    }

    internal static BlobId QuiltIdFrom(HttpContext context)
    {
        var text = context.Request.RouteValues["quiltId"] as string;
        return BlobId.TryParse(text, out var quiltId)
            ? quiltId
            : throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'{GatewayHttp.Truncate(text)}' is not a quilt id (43 characters of URL-safe base64).");
    }

    /// <summary>An identifier as a header value: printable ASCII as is, anything else percent-encoded.</summary>
    private static string HeaderValue(string identifier) => IsHeaderSafe(identifier) ? identifier : Uri.EscapeDataString(identifier);

    internal static bool IsHeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
