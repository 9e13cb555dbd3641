using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.Gateway.Json;

namespace Walrus.Gateway;

/// <summary>
/// The publisher: <c>PUT /v1/blobs</c>. The body is streamed to a temporary file (deleted on close) under the size limit,
/// stored with the publisher's wallet, and answered with Walrus's <c>BlobStoreResult</c> JSON. At most
/// <see cref="GatewayOptions.PublisherMaxConcurrent"/> stores run at once, with a bounded queue; more answer 429.
/// </summary>
internal sealed class PublisherEndpoints(
    WalrusClient client, PrivateKey wallet, GatewayOptions options, BlobAvailabilityChecker availability, PublisherAuth? auth, GatewayTelemetry telemetry, ILogger logger) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, options.PublisherMaxConcurrent),
        QueueLimit = Math.Max(0, options.PublisherMaxQueued),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPut(GatewayRoutes.Blobs, GatewayHttp.Handle(logger, StoreAsync));

    public void Dispose() => _limiter.Dispose();

    private async Task StoreAsync(HttpContext context)
    {
        var request = PublisherRequest.Parse(context, options.MaxEpochs);
        var declared = context.Request.ContentLength;
        if (declared > options.MaxBodyBytes)
        {
            throw TooLarge();
        }

        auth?.Authorize(context, request, declared);
        using var lease = await _limiter.AcquireAsync(1, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            await AggregatorEndpoints.TooManyRequestsAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBodyBytes;
        }

        await using var body = ScratchFile.Create("walrus-put", options.TempDirectory);
        var size = await RequestBodyCopy.ToFileAsync(context, body, options.MaxBodyBytes, TooLarge);
        if (auth is not null)
        {
            PublisherAuth.CheckSize(context, size);
        }

        telemetry.BytesStored.Add(size);
        body.Position = 0;

        var storeOptions = new StoreOptions { Epochs = request.Epochs, Deletable = request.Deletable, Force = request.Force };
        BlobStoreResponse answer;
        try
        {
            var result = await client.StoreAsync(body, storeOptions, null, context.RequestAborted);
            availability.Forget(result.BlobId);
            answer = await ToResponseAsync(result, request, context.RequestAborted);
            Log.Stored(logger, context.TraceIdentifier, result.BlobId, size, result.Outcome, result.Cost);
        }
        catch (BlobInvalidException e)
        {
            answer = new BlobStoreResponse(MarkedInvalid: new MarkedInvalidResponse(e.BlobId.ToString(), null));
        }
        catch (WalrusClientException e)
        {
            await WriteStoreFailureAsync(context, e);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers[GatewayHttp.RequestIdHeader] = context.TraceIdentifier;
        await JsonSerializer.SerializeAsync(context.Response.Body, answer, GatewayJsonContext.Default.BlobStoreResponse, context.RequestAborted);
    }

    /// <summary>The JSON answer: the blob object read back from the chain, sent on to <c>send_object_to</c> if asked.</summary>
    private async Task<BlobStoreResponse> ToResponseAsync(StoreResult result, PublisherRequest request, CancellationToken cancellationToken)
    {
        if (result.Outcome == StoreOutcome.AlreadyCertified)
        {
            var certifiedBy = result.ObjectId;
            if (certifiedBy is null)
            {
                foreach (var (record, _) in await client.FindBlobObjectsAsync(result.BlobId, cancellationToken))
                {
                    if (record.CertifiedEpoch is not null && record.EndEpoch >= result.EndEpoch)
                    {
                        certifiedBy = record.ObjectId;
                        break;
                    }
                }
            }

            return StoreResultMapping.ToResponse(result, request.Epochs, null, certifiedBy);
        }

        var objectId = result.ObjectId ?? throw new WalrusClientException($"blob {result.BlobId}: the store reported no blob object");
        var blobObject = await client.Chain.GetBlobAsync(objectId, cancellationToken);
        if (request.SendObjectTo is { } to)
        {
            await client.Chain.BlobRegistry.TransferFromAsync(wallet, wallet.Address, to, objectId, cancellationToken);
        }

        return StoreResultMapping.ToResponse(result, request.Epochs, blobObject, null);
    }

    private GatewayException TooLarge() =>
        new(GatewayErrorReason.PayloadTooLarge, $"The blob is larger than this publisher's limit of {options.MaxBodyBytes} bytes.", 413);

    /// <summary>A failed store: 504 INSUFFICIENT_CONFIRMATIONS when too few nodes confirmed, else 502; both error shapes in one body.</summary>
    private static async Task WriteStoreFailureAsync(HttpContext context, WalrusClientException e)
    {
        var confirmations = e.Failure == WalrusClientFailure.InsufficientConfirmations;
        var reason = confirmations ? GatewayErrorReason.InsufficientConfirmations : GatewayErrorReason.StoreFailed;
        var status = GatewayErrorReason.HttpStatus(reason);
        var phase = confirmations ? "certify" : e.Message.Contains("regist", StringComparison.OrdinalIgnoreCase) ? "register" : "store";
        var error = GatewayHttp.ErrorBody(context, reason, "The store failed: " + e.Message, status).Error;
        GatewayHttp.SetErrorHeaders(context, status, null);
        var body = new StoreFailureBody(new StoreFailure(error.Code, error.Status, error.Message, error.Details, BlobIdIn(e.Message), phase, e.Message));
        await JsonSerializer.SerializeAsync(context.Response.Body, body, GatewayJsonContext.Default.StoreFailureBody, context.RequestAborted);
    }

    /// <summary>The blob id a client error message names ("blob &lt;id&gt;: ..."), if any.</summary>
    private static string? BlobIdIn(string message)
    {
        const string Prefix = "blob ";
        return message.StartsWith(Prefix, StringComparison.Ordinal) && message.Length >= Prefix.Length + 43 &&
            Walrus.Core.BlobId.TryParse(message.AsSpan(Prefix.Length, 43), out var blobId) ? blobId.ToString() : null;
    }
}
