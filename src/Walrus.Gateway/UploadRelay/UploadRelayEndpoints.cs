using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Walrus.Chain.Abi;
using Walrus.Chain.Services;
using Walrus.Client;
using Walrus.Client.UploadRelay;

namespace Walrus.Gateway.UploadRelay;

/// <summary>
/// The upload relay: <c>GET /v1/tip-config</c> and <c>POST /v1/blob-upload-relay</c>. An upload is checked before any
/// sliver leaves: the query (400), the size (413), the registration on chain (400), the tip transaction (400/402/409),
/// then the body's SHA-256 and length against the tip's proof; the body goes to a temporary file, is encoded, must be
/// <c>blob_id</c> (400), and is fanned out through the SDK's upload path; the answer is the certificate of a quorum of
/// verified confirmations. At most <see cref="UploadRelayOptions.MaxConcurrent"/> uploads run, with a bounded queue; more answer 429.
/// </summary>
internal sealed class UploadRelayEndpoints : IDisposable
{
    private readonly WalrusClient _client;
    private readonly UploadRelayOptions _options;
    private readonly string? _tempDirectory;
    private readonly ILogger _logger;
    private readonly TipVerifier? _tips;
    private readonly UsedTipStore _usedTips;
    private readonly ConcurrencyLimiter _limiter;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly byte[] _tipConfigJson;

    public UploadRelayEndpoints(WalrusClient client, UploadRelayOptions options, string? tempDirectory, TimeProvider time, ILogger logger)
    {
        _client = client;
        _options = options;
        _tempDirectory = tempDirectory;
        _logger = logger;
        _tips = options.Tip is { } tip ? new TipVerifier(client, tip, options.TipMaxAge, time) : null;
        _usedTips = UsedTipStore.Open(options.UsedTipsPath);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, options.MaxConcurrent),
            QueueLimit = Math.Max(0, options.MaxQueued),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            RelayTipConfig.WriteJson(writer, options.Tip);
        }

        _tipConfigJson = buffer.ToArray();
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(UploadRelayRoutes.TipConfig, GatewayHttp.Handle(_logger, async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.Body.WriteAsync(_tipConfigJson, context.RequestAborted);
        }));
        routes.MapPost(UploadRelayRoutes.BlobUploadRelay, GatewayHttp.Handle(_logger, UploadAsync));
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        _limiter.Dispose();
        _usedTips.Dispose();
    }

    private async Task UploadAsync(HttpContext context)
    {
        var request = UploadRelayRequest.Parse(context.Request.Query);
        if (context.Request.ContentLength > _options.MaxBodyBytes)
        {
            throw TooLarge();
        }

        if (_tips is not null && request.TxId is null)
        {
            throw new GatewayException(UploadRelayErrorReason.TipRequired,
                $"This relay asks a tip (GET {UploadRelayRoutes.TipConfig}): pay it and pass '{UploadRelayRoutes.TxId}' and '{UploadRelayRoutes.Nonce}'.", 402);
        }

        var claimed = _tips is not null && request.TxId is { } claim ? claim : (Walrus.Chain.Hash256?)null;
        if (claimed is { } txId && !_usedTips.TryClaim(txId))
        {
            throw new GatewayException(UploadRelayErrorReason.TipAlreadyUsed, $"Transaction {txId} already paid for an upload.", 409);
        }

        try
        {
            using var lease = await _limiter.AcquireAsync(1, context.RequestAborted);
            if (!lease.IsAcquired)
            {
                await AggregatorEndpoints.TooManyRequestsAsync(context);
                return;
            }

            await RelayAsync(context, request, claimed);
        }
        finally
        {
            if (claimed is { } claimedTx)
            {
                _usedTips.Release(claimedTx);
            }
        }
    }

    private async Task RelayAsync(HttpContext context, UploadRelayRequest request, Walrus.Chain.Hash256? txId)
    {
        var aborted = context.RequestAborted;
        var record = await RegistrationAsync(request, aborted);
        var tip = txId is { } tx ? await _tips!.CheckTransactionAsync(tx, aborted) : null;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _options.MaxBodyBytes;
        }

        var body = OpenTempFile();
        var handedOver = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var size = await RequestBodyCopy.ToFileAsync(context, body, _options.MaxBodyBytes, TooLarge, hash);
            var digest = hash.GetHashAndReset();
            if ((ulong)size != record.Size)
            {
                throw new GatewayException(UploadRelayErrorReason.BlobNotRegistered, $"The body has {size} bytes; blob object {NodeClient.ObjectIdHex(record.ObjectId)} registers {record.Size}.", 400);
            }

            var committee = await _client.GetCommitteeAsync(aborted);
            if (tip is not null)
            {
                _tips!.CheckPayload(tip, digest, request.Nonce, size, WalrusClient.Config(committee).GetEncodedLength(size));
            }

            body.Position = 0;
            RelayedCertificate relayed;
            try
            {
                // The fan-out outlives the request (the nodes still uploading after the quorum): it runs on the relay's lifetime.
                relayed = await _client.UploadForCertificateAsync(body, request.BlobId, request.DeletableObjectId, _options.Upload, _lifetime.Token);
            }
            catch (BlobIdMismatchException e)
            {
                throw new GatewayException(UploadRelayErrorReason.BlobIdMismatch, "The body is not the blob: " + e.Message + ".", 400);
            }
            catch (WalrusClientException e)
            {
                throw new GatewayException(
                    e.Failure == WalrusClientFailure.InsufficientConfirmations ? GatewayErrorReason.InsufficientConfirmations : GatewayErrorReason.StoreFailed,
                    "The upload failed: " + e.Message);
            }

            handedOver = true;
            _ = relayed.RemainingUploads.ContinueWith(task =>
            {
                body.Dispose();
                if (task.IsCompletedSuccessfully && task.Result.Count > 0)
                {
                    UploadRelayLog.RemainingFailed(_logger, request.BlobId, string.Join("; ", task.Result));
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

            if (txId is { } used)
            {
                await _usedTips.RecordAsync(used, CancellationToken.None);
            }

            UploadRelayLog.Relayed(_logger, context.TraceIdentifier, request.BlobId, size, relayed.Certificate.Weight, tip is null ? "none" : tip.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            await using var writer = new Utf8JsonWriter(context.Response.Body);
            new UploadRelayResponse(request.BlobId, RelayConfirmationCertificate.From(relayed.Certificate)).WriteJson(writer);
        }
        finally
        {
            if (!handedOver)
            {
                await body.DisposeAsync();
            }
        }
    }

    /// <summary>The registration the upload is for: the deletable object named, or an unexpired permanent one of the blob id.</summary>
    private async Task<BlobRecord> RegistrationAsync(UploadRelayRequest request, CancellationToken cancellationToken)
    {
        var (epoch, _) = await _client.Chain.GetEpochAsync(cancellationToken);
        if (request.DeletableObjectId is { } objectId)
        {
            BlobRecord record;
            try
            {
                record = await _client.Chain.GetBlobAsync(objectId, cancellationToken);
            }
            catch (ContractRevertException)
            {
                throw NotRegistered($"There is no blob object {NodeClient.ObjectIdHex(objectId)}.");
            }

            if (record.BlobId != request.BlobId)
            {
                throw NotRegistered($"Blob object {NodeClient.ObjectIdHex(objectId)} registers blob {record.BlobId}, not {request.BlobId}.");
            }

            if (!record.Deletable)
            {
                throw NotRegistered($"Blob object {NodeClient.ObjectIdHex(objectId)} is permanent: leave out '{UploadRelayRoutes.DeletableBlobObject}'.");
            }

            return record.EndEpoch > epoch ? record : throw NotRegistered($"Blob object {NodeClient.ObjectIdHex(objectId)} expired at epoch {record.EndEpoch.Value}.");
        }

        foreach (var (record, _) in await _client.FindBlobObjectsAsync(request.BlobId, cancellationToken))
        {
            if (!record.Deletable && record.EndEpoch > epoch)
            {
                return record;
            }
        }

        throw NotRegistered($"Blob {request.BlobId} has no unexpired permanent registration; a deletable blob names its object in '{UploadRelayRoutes.DeletableBlobObject}'.");
    }

    private FileStream OpenTempFile() => ScratchFile.Create("walrus-relay", _tempDirectory);

    private GatewayException TooLarge() =>
        new(GatewayErrorReason.PayloadTooLarge, $"The blob is larger than this relay's limit of {_options.MaxBodyBytes} bytes.", 413);

    private static GatewayException NotRegistered(string message) => new(UploadRelayErrorReason.BlobNotRegistered, message, 400);
}
