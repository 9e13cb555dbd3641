using System.Globalization;
using System.Numerics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Walrus.Chain.Abi;
using Walrus.Client;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Gateway;

/// <summary>
/// The aggregator: <c>GET|HEAD /v1/blobs/{blobId}</c> with RFC 7233 single ranges, ETag and 304, <c>/byte-range</c> and
/// <c>/by-object-id</c>. Availability is checked on chain first (unknown ids answer 404 at once), bodies stream from the
/// systematic slivers as they arrive (<see cref="WalrusClient.ReadRangeAsync(BlobMetadataWithId, long, long, Stream, ReadOptions?, CancellationToken)"/>).
/// </summary>
internal sealed class AggregatorEndpoints(
    WalrusClient client, GatewayOptions options, BlobAvailabilityChecker availability, BlobCache cache, DiskBlobCache? diskCache, GatewayTelemetry telemetry, ILogger logger) : IDisposable
{
    /// <summary>Walrus's caching of blob responses (a blob id's bytes never change).</summary>
    public const string BlobCacheControl = "public, max-age=86400, stale-while-revalidate=3600";

    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, options.AggregatorMaxConcurrent),
        QueueLimit = Math.Max(0, options.AggregatorMaxQueued),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapMethods(GatewayRoutes.Blob, [HttpMethods.Get, HttpMethods.Head], GatewayHttp.Handle(logger, context =>
            Limited(context, () => ServeBlobAsync(context, GatewayHttp.BlobIdFrom(context), ConsistencyFrom(context), null, null))));
        routes.MapMethods(GatewayRoutes.BlobByteRange, [HttpMethods.Get, HttpMethods.Head], GatewayHttp.Handle(logger, context =>
            Limited(context, () =>
            {
                var blobId = GatewayHttp.BlobIdFrom(context);
                var start = LongQuery(context, GatewayRoutes.Start);
                var length = LongQuery(context, GatewayRoutes.Length);
                if (length <= 0)
                {
                    throw new GatewayException(GatewayErrorReason.InvalidByteRange, "length must be at least 1.", 400);
                }

                return ServeBlobAsync(context, blobId, ConsistencyFrom(context), new ByteRange(start, length), null);
            })));
        routes.MapMethods(GatewayRoutes.BlobByObjectId, [HttpMethods.Get, HttpMethods.Head], GatewayHttp.Handle(logger, context =>
            Limited(context, () => ServeByObjectIdAsync(context))));
    }

    public void Dispose() => _limiter.Dispose();

    private async Task Limited(HttpContext context, Func<Task> action)
    {
        using var lease = await _limiter.AcquireAsync(1, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            await TooManyRequestsAsync(context);
            return;
        }

        await action();
    }

    /// <summary>Walrus answers overload with 429 and a plain-text body.</summary>
    public static async Task TooManyRequestsAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.RetryAfter = "1";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync("Too many requests; retry later.", context.RequestAborted);
    }

    private async Task ServeByObjectIdAsync(HttpContext context)
    {
        var text = context.Request.RouteValues["objectId"] as string;
        if (!TryParseObjectId(text, out var objectId))
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'{GatewayHttp.Truncate(text)}' is not an object id (0x and up to 64 hex digits, or a decimal number).");
        }

        Walrus.Chain.Services.BlobRecord record;
        try
        {
            record = await client.Chain.GetBlobAsync(objectId, context.RequestAborted);
        }
        catch (ContractRevertException)
        {
            throw NotFound($"No blob object {GatewayHttp.Truncate(text)}.");
        }

        var epoch = (await client.GetCommitteeAsync(context.RequestAborted)).Epoch;
        if (record.CertifiedEpoch is null || record.EndEpoch <= epoch)
        {
            throw NotFound($"Blob object {GatewayHttp.Truncate(text)} is not certified or has expired.");
        }

        var attributes = await client.Chain.GetBlobAttributesAsync(objectId, context.RequestAborted);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in attributes)
        {
            if (options.AllowedHeaders.Contains(key.ToLowerInvariant()) && IsHeaderSafe(value))
            {
                headers[key.ToLowerInvariant()] = value;
            }
        }

        await ServeBlobAsync(context, record.BlobId, ConsistencyFrom(context), null, headers);
    }

    /// <summary>Answers a blob (or <paramref name="fixedRange"/> of it, for /byte-range) with its headers.</summary>
    private async Task ServeBlobAsync(HttpContext context, BlobId blobId, ConsistencyCheck consistency, ByteRange? fixedRange, IReadOnlyDictionary<string, string>? attributeHeaders)
    {
        var state = await availability.CheckAsync(blobId, context.RequestAborted);
        switch (state.Kind)
        {
            case BlobAvailabilityKind.NotFound:
                throw NotFound($"Blob {blobId} is not available: {state.Why}.");
            case BlobAvailabilityKind.Forbidden:
                throw new GatewayException(GatewayErrorReason.ForbiddenBlob, $"Blob {blobId} is forbidden: {state.Why}.");
        }

        var response = context.Response;
        var etag = fixedRange is { } fr
            ? string.Create(CultureInfo.InvariantCulture, $"\"{blobId}-{fr.Start}-{fr.Length}\"")
            : "\"" + blobId + "\"";
        response.Headers.ETag = etag;
        response.Headers.CacheControl = BlobCacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers[GatewayHttp.RequestIdHeader] = context.TraceIdentifier;
        if (fixedRange is null)
        {
            response.Headers.AcceptRanges = "bytes";
        }

        if (IfNoneMatch(context, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var cached = cache.TryGet(blobId);
        var onDisk = cached is null ? diskCache?.TryGetLength(blobId) : null;
        BlobMetadataWithId? metadata = null;
        long size;
        if (cached is not null)
        {
            telemetry.CacheHits.Add(1);
            size = cached.Length;
        }
        else if (onDisk is { } diskLength)
        {
            // Counted as a hit once its bytes left (a damaged or evicted copy falls back to the nodes, a miss).
            size = diskLength;
        }
        else
        {
            telemetry.CacheMisses.Add(1);
            metadata = await ReadMetadataAsync(blobId, context.RequestAborted);
            size = (long)metadata.Metadata.UnencodedLength;
        }

        ByteRange range;
        var partial = false;
        if (fixedRange is { } wanted)
        {
            if (wanted.Start >= size || wanted.Length > size - wanted.Start)
            {
                throw new GatewayException(GatewayErrorReason.InvalidByteRange,
                    string.Create(CultureInfo.InvariantCulture, $"The range {wanted.Start}+{wanted.Length} is not inside the blob's {size} bytes."), 400);
            }

            range = wanted;
        }
        else
        {
            switch (ByteRange.Parse(context.Request.Headers.Range, size, out range))
            {
                case ByteRangeRequest.Unsatisfiable:
                    throw new GatewayException(GatewayErrorReason.InvalidByteRange, $"The range '{GatewayHttp.Truncate(context.Request.Headers.Range)}' cannot be served from {size} bytes.")
                    {
                        Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Content-Range"] = "bytes */" + size.ToString(CultureInfo.InvariantCulture) },
                    };
                case ByteRangeRequest.Partial:
                    partial = true;
                    break;
                default:
                    range = new ByteRange(0, size);
                    break;
            }
        }

        response.StatusCode = partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        if (partial)
        {
            response.Headers.ContentRange = range.ContentRange(size);
        }

        response.ContentType = ContentType(context);
        if (attributeHeaders is not null)
        {
            foreach (var (name, value) in attributeHeaders)
            {
                response.Headers[name] = value;
            }
        }

        response.ContentLength = range.Length;
        if (HttpMethods.IsHead(context.Request.Method) || range.Length == 0)
        {
            if (onDisk is not null)
            {
                telemetry.DiskCacheHits.Add(1);
            }

            return;
        }

        if (cached is not null)
        {
            await response.Body.WriteAsync(cached.AsMemory((int)range.Start, (int)range.Length), context.RequestAborted);
            telemetry.BytesServed.Add(range.Length);
            return;
        }

        if (onDisk is not null)
        {
            try
            {
                if (await diskCache!.TryCopyAsync(blobId, range.Start, range.Length, response.Body, context.RequestAborted))
                {
                    telemetry.DiskCacheHits.Add(1);
                    telemetry.BytesServed.Add(range.Length);
                    return;
                }
            }
            catch (InvalidDataException e)
            {
                telemetry.DiskCacheDamaged.Add(1);
                Log.DiskCacheDamaged(logger, blobId.ToString(), e.Message);
                if (response.HasStarted)
                {
                    // Part of the answer left already: cut the connection so the reader cannot take it for the whole.
                    context.Abort();
                    return;
                }
            }

            // Evicted meanwhile, or damaged before its first byte left: read it from the nodes after all.
            telemetry.CacheMisses.Add(1);
            metadata = await ReadMetadataAsync(blobId, context.RequestAborted);
        }

        await response.StartAsync(context.RequestAborted);
        var whole = range.Start == 0 && range.Length == size;
        using var copy = whole && cache.Accepts(size) ? new MemoryStream((int)size) : null;
        using var diskEntry = whole ? diskCache?.BeginAdd(blobId, size) : null;
        var body = response.Body;

        // Each piece goes to the reader first, then into the cache tiers that keep this blob, in one pass.
        async ValueTask SendAndKeepAsync(ReadOnlyMemory<byte> piece, CancellationToken cancellationToken)
        {
            await body.WriteAsync(piece, cancellationToken);
            copy?.Write(piece.Span);
            if (diskEntry is not null)
            {
                await diskEntry.WriteAsync(piece, cancellationToken);
            }
        }

        var read = await client.ReadRangeAsync(metadata!, range.Start, range.Length, SendAndKeepAsync, new ReadOptions { Consistency = consistency }, context.RequestAborted);
        await body.FlushAsync(context.RequestAborted);
        telemetry.BytesServed.Add(read.Bytes);
        if (read.FullDecode)
        {
            telemetry.FullDecodes.Add(1);
        }

        if (copy is not null)
        {
            cache.Add(blobId, copy.ToArray());
        }

        if (diskEntry is not null)
        {
            await diskEntry.CommitAsync(context.RequestAborted);
        }
    }

    private async Task<BlobMetadataWithId> ReadMetadataAsync(BlobId blobId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ReadMetadataAsync(blobId, cancellationToken);
        }
        catch (BlobInvalidException e)
        {
            throw NotFound(e.Message);
        }
        catch (WalrusClientException e)
        {
            throw new GatewayException(GatewayErrorReason.BlobUnavailable, $"Blob {blobId} is certified but its metadata cannot be read now; retry later. {e.Message}");
        }
    }

    private static GatewayException NotFound(string message) => new(GatewayErrorReason.BlobNotFound, message);

    /// <summary>The Accept type when it names one exactly (as Walrus does), else application/octet-stream.</summary>
    private static string ContentType(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        return accept.Length > 0 && !accept.Contains('*', StringComparison.Ordinal) && !accept.Contains(',', StringComparison.Ordinal) && accept.Length < 128
            ? accept
            : "application/octet-stream";
    }

    internal static bool IfNoneMatch(HttpContext context, string etag)
    {
        foreach (var value in context.Request.Headers.IfNoneMatch)
        {
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (tag == "*" || string.Equals(tag, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ConsistencyCheck ConsistencyFrom(HttpContext context)
    {
        var strict = GatewayHttp.Flag(context, GatewayRoutes.StrictConsistencyCheck);
        var skip = GatewayHttp.Flag(context, GatewayRoutes.SkipConsistencyCheck);
        if (strict && skip)
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest, "strict_consistency_check and skip_consistency_check exclude each other.");
        }

        // Skip still verifies every sliver it uses; the systematic path needs no decode to check.
        return strict ? ConsistencyCheck.Strict : skip ? ConsistencyCheck.Skip : ConsistencyCheck.Default;
    }

    private static long LongQuery(HttpContext context, string name)
    {
        var value = context.Request.Query[name];
        return value.Count == 1 && long.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new GatewayException(GatewayErrorReason.InvalidByteRange, $"'{name}' must be one non-negative integer.", 400);
    }

    private static bool TryParseObjectId(string? text, out BigInteger objectId)
    {
        objectId = default;
        if (string.IsNullOrEmpty(text) || text.Length > 80)
        {
            return false;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var hex = text[2..];
            return hex.Length is > 0 and <= 64 && BigInteger.TryParse("0" + hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out objectId);
        }

        return BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out objectId) && objectId.GetByteCount(isUnsigned: true) <= 32;
    }

    private static bool IsHeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return value.Length <= 4096;
    }
}
