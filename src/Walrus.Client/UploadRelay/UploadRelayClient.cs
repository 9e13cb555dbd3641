using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Walrus.Chain;
using Walrus.Core;

namespace Walrus.Client.UploadRelay;

/// <summary>
/// The client of an upload relay (<c>walrus upload-relay</c>, or Walrus's): its tip config and the one upload request
/// that replaces the thousands of requests to storage nodes. Set it as <see cref="StoreOptions.UploadRelay"/> to store
/// through the relay; the store then registers, pays the tip, posts the blob, checks the returned certificate and certifies.
/// </summary>
public sealed class UploadRelayClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SemaphoreSlim _tipLock = new(1, 1);
    private (RelayTipConfig? Config, bool Known) _tip;
    private long _requests;

    /// <summary>A client of the relay at <paramref name="baseAddress"/> (e.g. http://127.0.0.1:3000).</summary>
    public UploadRelayClient(Uri baseAddress, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        BaseAddress = baseAddress;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
    }

    /// <summary>The relay's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>HTTP requests sent to the relay so far.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>The relay's tip config (null: no tip), asked once and remembered.</summary>
    public async Task<RelayTipConfig?> GetTipConfigAsync(CancellationToken cancellationToken = default)
    {
        await _tipLock.WaitAsync(cancellationToken);
        try
        {
            if (_tip.Known)
            {
                return _tip.Config;
            }

            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(UploadRelayRoutes.TipConfig)), cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            using var json = await ReadJsonAsync(response, cancellationToken);
            try
            {
                _tip = (RelayTipConfig.Parse(json.RootElement), true);
            }
            catch (FormatException e)
            {
                throw new UploadRelayException($"upload relay {BaseAddress}: its tip config is not understood: {e.Message}", e);
            }

            return _tip.Config;
        }
        finally
        {
            _tipLock.Release();
        }
    }

    /// <summary>
    /// Posts a registered blob (<paramref name="length"/> bytes from <paramref name="blob"/>) in one request; the relay fans
    /// it out and answers the committee's certificate, which the caller must verify before using it. <paramref name="txId"/>
    /// and <paramref name="nonce"/> present the tip, when the relay asks for one.
    /// </summary>
    /// <exception cref="UploadRelayException">The relay refused or failed the upload.</exception>
    public async Task<UploadRelayResponse> UploadAsync(
        BlobId blobId, Stream blob, long length, BigInteger? deletableObjectId, Hash256? txId, ReadOnlyMemory<byte> nonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var query = new StringBuilder(UploadRelayRoutes.BlobUploadRelay).Append('?').Append(UploadRelayRoutes.BlobId).Append('=').Append(blobId.ToString());
        if (deletableObjectId is { } objectId)
        {
            query.Append('&').Append(UploadRelayRoutes.DeletableBlobObject).Append('=').Append(NodeClient.ObjectIdHex(objectId));
        }

        if (txId is { } tx)
        {
            query.Append('&').Append(UploadRelayRoutes.TxId).Append('=').Append(tx.ToString());
        }

        if (!nonce.IsEmpty)
        {
            query.Append('&').Append(UploadRelayRoutes.Nonce).Append('=').Append(Base64Url(nonce.Span));
        }

        var content = new StreamContent(blob);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = length;
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(query.ToString())) { Content = content };
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        using var json = await ReadJsonAsync(response, cancellationToken);
        try
        {
            return UploadRelayResponse.Parse(json.RootElement);
        }
        catch (FormatException e)
        {
            throw new UploadRelayException($"upload relay {BaseAddress}: its answer is not understood: {e.Message}", e);
        }
    }

    /// <summary>Unpadded URL-safe base64, as the relay takes the nonce.</summary>
    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose()
    {
        _tipLock.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UploadRelayException($"upload relay {BaseAddress}: {e.Message}", e);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // Bounded: an error body is small; a relay that sends more is cut.
        var bytes = await ReadBoundedAsync(response, 64 * 1024, cancellationToken);
        string? reason = null;
        var message = Encoding.UTF8.GetString(bytes);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            if (json.RootElement.TryGetProperty("error", out var error))
            {
                message = error.TryGetProperty("message", out var m) ? m.GetString() ?? message : message;
                if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
                {
                    foreach (var detail in details.EnumerateArray())
                    {
                        if (detail.TryGetProperty("reason", out var r))
                        {
                            reason = r.GetString();
                            break;
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A plain-text body (429) or none: the text is the message.
        }

        throw new UploadRelayException(BaseAddress, response.StatusCode, reason,
            string.IsNullOrWhiteSpace(message) ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : message.Trim());
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await ReadBoundedAsync(response, 4 << 20, cancellationToken);
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new UploadRelayException(response.RequestMessage?.RequestUri ?? new Uri("about:blank"), response.StatusCode == HttpStatusCode.OK ? 0 : response.StatusCode, null,
                "the answer is not JSON: " + e.Message);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new UploadRelayException($"answer of more than {limit} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
