using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text.Json;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>
/// A typed client of one storage node's HTTP API (docs/storage-node.md) over the routes and wire types of
/// <see cref="NodeApiRoutes"/>. Errors become <see cref="NodeApiException"/> with the reason parsed from the AIP-193 body;
/// transport failures stay <see cref="HttpRequestException"/>. Answers are parsed with their lengths checked, not verified:
/// verifying metadata against a blob id and slivers against metadata is the caller's job.
/// </summary>
public sealed class NodeClient
{
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");
    private readonly HttpClient _http;
    private readonly Uri _base;

    /// <summary>A client of the node at <paramref name="networkAddress"/> (<c>host:port</c> or a URL), sharing <paramref name="http"/>.</summary>
    public NodeClient(HttpClient http, string networkAddress)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(networkAddress);
        _http = http;
        Address = networkAddress;
        _base = new Uri(networkAddress.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? networkAddress : "http://" + networkAddress);
    }

    /// <summary>The node's network address.</summary>
    public string Address { get; }

    /// <summary>Requests sent so far (for measurements).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    private long _requests;

    /// <summary>The node's metadata of a blob (unverified), or null if it has none (404).</summary>
    public async Task<BlobMetadataWithId?> GetMetadataAsync(BlobId blobId, int shardCount, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, NodeApiRoutes.MetadataPath(blobId), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return BlobMetadataWithId.TryFromBcs(bytes, out var metadata, out var error, shardCount)
            ? metadata
            : throw new NodeApiException(Address, response.StatusCode, NodeErrorReason.MalformedBody, "metadata: " + error);
    }

    /// <summary>Stores a blob's metadata (BCS <c>BlobMetadata</c>); <paramref name="pending"/> lets the node buffer it until it sees the registration.</summary>
    public async Task PutMetadataAsync(BlobId blobId, ReadOnlyMemory<byte> metadataBcs, bool pending = true, CancellationToken cancellationToken = default)
    {
        using var content = new ReadOnlyMemoryContent(metadataBcs);
        content.Headers.ContentType = OctetStream;
        using var response = await SendAsync(HttpMethod.Put, NodeApiRoutes.MetadataPath(blobId) + (pending ? "?" + NodeApiRoutes.PendingQuery + "=true" : ""), content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Stores a sliver (its BCS <c>SliverData</c>).</summary>
    public async Task PutSliverAsync(BlobId blobId, SliverPairIndex pair, SliverType type, ReadOnlyMemory<byte> sliverBcs, bool pending = true, CancellationToken cancellationToken = default)
    {
        using var content = new ReadOnlyMemoryContent(sliverBcs);
        content.Headers.ContentType = OctetStream;
        using var response = await SendAsync(HttpMethod.Put, NodeApiRoutes.SliverPath(blobId, pair, type) + (pending ? "?" + NodeApiRoutes.PendingQuery + "=true" : ""), content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// Stores many slivers of a blob in one request (<see cref="NodeApiRoutes.Slivers"/>), streamed from their buffers. The
    /// node verifies each; on the first bad one it keeps those before it and answers an error naming the pair, thrown here
    /// as <see cref="NodeApiException"/>. A node without the route answers 404 <c>UNKNOWN_ENDPOINT</c> or 405
    /// (<see cref="IsBatchRouteMissing"/>).
    /// </summary>
    public async Task<SliverBatchOutcome> PutSliversAsync(BlobId blobId, IReadOnlyList<SliverUpload> slivers, bool pending = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slivers);
        using var content = new SliverBatchContent(slivers);
        var path = NodeApiRoutes.SliversPath(blobId) + (pending ? "?" + NodeApiRoutes.PendingQuery + "=true" : "");
        using var response = await SendAsync(HttpMethod.Put, path, content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        SliverBatchOutcome? outcome;
        try
        {
            outcome = JsonSerializer.Deserialize(bytes, NodeApiJsonContext.Default.ApiSuccessBodySliverBatchOutcome)?.Success.Data;
        }
        catch (JsonException e)
        {
            throw new NodeApiException(Address, response.StatusCode, NodeErrorReason.MalformedBody, path + ": " + e.Message);
        }

        // Every record must be accounted for: a node that skips some without saying why has not stored them.
        return outcome is not null && outcome.Total == slivers.Count
            ? outcome
            : throw new NodeApiException(Address, response.StatusCode, NodeErrorReason.MalformedBody, $"{path}: the answer accounts for {outcome?.Total ?? 0} of {slivers.Count} slivers");
    }

    /// <summary>Whether an error answer to <see cref="PutSliversAsync"/> says the node has no such route (an older node).</summary>
    public static bool IsBatchRouteMissing(NodeApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.StatusCode == HttpStatusCode.MethodNotAllowed
            || (error.StatusCode == HttpStatusCode.NotFound && error.Reason is null or NodeErrorReason.UnknownEndpoint);
    }

    /// <summary>A sliver (unverified), or null if the node does not hold it (404).</summary>
    public async Task<SliverData?> GetSliverAsync(BlobId blobId, SliverPairIndex pair, SliverType type, long maxSliverBytes, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, NodeApiRoutes.SliverPath(blobId, pair, type), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        if (response.Content.Headers.ContentLength is { } length && length > maxSliverBytes + NodeApiLimits.SliverBodyOverhead)
        {
            throw new NodeApiException(Address, response.StatusCode, NodeErrorReason.PayloadTooLarge, $"a sliver of {length} bytes");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return SliverData.TryFromBcs(bytes, type, maxSliverBytes, out var sliver, out var error)
            ? sliver
            : throw new NodeApiException(Address, response.StatusCode, NodeErrorReason.MalformedBody, "sliver: " + error);
    }

    /// <summary>
    /// The node's recovery symbols for one target sliver (unverified: each carries a Merkle proof the caller checks), from
    /// every shard the node holds; empty if it has none (404).
    /// </summary>
    public async Task<IReadOnlyList<GeneralRecoverySymbol>> GetRecoverySymbolsAsync(BlobId blobId, SliverIndex target, SliverType targetType, int shardCount, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, NodeApiRoutes.RecoverySymbolsForTargetPath(blobId, target, targetType), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        await EnsureSuccessAsync(response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return RecoverySymbolList.TryFromBcs(bytes, shardCount, EncodingConfig.MaxSymbolSize, out var symbols, out var error)
            ? symbols
            : throw new NodeApiException(Address, response.StatusCode, NodeErrorReason.MalformedBody, "recovery symbols: " + error);
    }

    /// <summary>Whether the node holds the metadata.</summary>
    public Task<StoredOnNodeStatus> GetMetadataStatusAsync(BlobId blobId, CancellationToken cancellationToken = default) =>
        GetJsonAsync(NodeApiRoutes.MetadataStatusPath(blobId), NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus, cancellationToken);

    /// <summary>Whether the node holds a sliver.</summary>
    public Task<StoredOnNodeStatus> GetSliverStatusAsync(BlobId blobId, SliverPairIndex pair, SliverType type, CancellationToken cancellationToken = default) =>
        GetJsonAsync(NodeApiRoutes.SliverStatusPath(blobId, pair, type), NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus, cancellationToken);

    /// <summary>The node's view of a blob id.</summary>
    public Task<BlobStatus> GetBlobStatusAsync(BlobId blobId, CancellationToken cancellationToken = default) =>
        GetJsonAsync(NodeApiRoutes.BlobStatusPath(blobId), NodeApiJsonContext.Default.ApiSuccessBodyBlobStatus, cancellationToken);

    /// <summary>The node's health.</summary>
    public Task<NodeHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetJsonAsync(NodeApiRoutes.Health, NodeApiJsonContext.Default.ApiSuccessBodyNodeHealth, cancellationToken);

    /// <summary>
    /// The node's signed storage confirmation of a permanent blob (<paramref name="deletableObjectId"/> null) or of a
    /// deletable blob object; the node waits up to <paramref name="wait"/> for the registration to reach it.
    /// </summary>
    public async Task<SignedMessage> GetConfirmationAsync(BlobId blobId, BigInteger? deletableObjectId, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var path = deletableObjectId is { } objectId
            ? NodeApiRoutes.DeletableConfirmationPath(blobId, ObjectIdHex(objectId))
            : NodeApiRoutes.PermanentConfirmationPath(blobId);
        path += string.Create(CultureInfo.InvariantCulture, $"?{NodeApiRoutes.WaitForRegistrationQuery}=true&{NodeApiRoutes.WaitMillisQuery}={(long)wait.TotalMilliseconds}");
        var confirmation = await GetJsonAsync(path, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation, cancellationToken);
        return confirmation.Signed;
    }

    /// <summary>An object id as the confirmation route takes it: 0x and 64 hex digits.</summary>
    public static string ObjectIdHex(BigInteger objectId)
    {
        Span<byte> bytes = stackalloc byte[32];
        if (objectId.Sign < 0 || !objectId.TryWriteBytes(bytes[(32 - objectId.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true))
        {
            throw new ArgumentOutOfRangeException(nameof(objectId), "An object id is a uint256.");
        }

        return "0x" + Convert.ToHexStringLower(bytes);
    }

    private async Task<T> GetJsonAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<ApiSuccessBody<T>> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(bytes, type) is { } body
                ? body.Success.Data
                : throw new NodeApiException(Address, response.StatusCode, NodeErrorReason.MalformedBody, path + ": empty body");
        }
        catch (JsonException e)
        {
            throw new NodeApiException(Address, response.StatusCode, NodeErrorReason.MalformedBody, path + ": " + e.Message);
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var request = new HttpRequestMessage(method, new Uri(_base, path)) { Content = content };
        return SendAndDisposeAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAndDisposeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? reason = null;
        var message = text.Length > 200 ? text[..200] : text;
        try
        {
            if (JsonSerializer.Deserialize(text, NodeApiJsonContext.Default.ApiErrorBody) is { } body)
            {
                reason = body.Error.Reason;
                message = body.Error.Message;
            }
        }
        catch (JsonException)
        {
            // Not an AIP-193 body: keep the start of the text.
        }

        throw new NodeApiException(Address, response.StatusCode, reason, message);
    }
}
