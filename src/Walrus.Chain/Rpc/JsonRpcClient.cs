using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Walrus.Chain.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP POST: single calls and batches, a timeout per attempt, and retries with
/// exponential backoff and jitter for transient failures only (connection errors, attempt timeouts,
/// HTTP 429/502/503/504). Errors the node returns are never retried here, and methods that are not idempotent
/// (<c>eth_sendRawTransaction</c>, <c>eth_sendTransaction</c>) are never retried at all: after an ambiguous failure
/// only the caller can tell whether the transaction landed (see <see cref="Transactions.TransactionSender"/>).
/// A reply that is not well-formed JSON-RPC, or a body over <see cref="JsonRpcClientOptions.MaxResponseBytes"/>, is an
/// <see cref="RpcMalformedResponseException"/>.
/// </summary>
public sealed class JsonRpcClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly JsonRpcClientOptions _options;
    private long _nextId;

    /// <summary>Creates a client on a shared <see cref="HttpClient"/> (not disposed by this client).</summary>
    public JsonRpcClient(HttpClient http, JsonRpcClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
    }

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    public JsonRpcClient(JsonRpcClientOptions options)
        : this(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan }, options)
    {
        _ownsHttp = true;
    }

    /// <summary>The endpoint.</summary>
    public Uri Endpoint => _options.Endpoint;

    /// <summary>Calls one method and returns its result (a cloned element, safe to keep).</summary>
    public async Task<JsonElement> CallAsync(string method, RpcParams? parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        var id = Interlocked.Increment(ref _nextId);
        var body = WriteBody(writer => WriteRequest(writer, id, method, parameters));
        using var document = await PostWithRetriesAsync(body, method, IsIdempotent(method) ? _options.MaxRetries : 0, cancellationToken);
        return ReadResponse(document.RootElement, method, id).GetResultOrThrow();
    }

    /// <summary>Sends several calls in one HTTP request; results come back in request order.</summary>
    public async Task<IReadOnlyList<RpcResult>> CallBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var firstId = Interlocked.Add(ref _nextId, requests.Count) - requests.Count + 1;
        var body = WriteBody(writer =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < requests.Count; i++)
            {
                WriteRequest(writer, firstId + i, requests[i].Method, requests[i].Params);
            }

            writer.WriteEndArray();
        });
        var retries = _options.MaxRetries;
        foreach (var request in requests)
        {
            if (!IsIdempotent(request.Method))
            {
                retries = 0;
            }
        }

        var name = BatchName(requests);
        using var document = await PostWithRetriesAsync(body, name, retries, cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            // A node rejects a whole batch with one error object.
            var single = ReadResponse(root, name, null);
            throw (Exception?)single.Error ?? new RpcMalformedResponseException(name, "a batch was answered with a single result.");
        }

        var results = new RpcResult?[requests.Count];
        foreach (var element in root.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("id", out var idElement) ||
                idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out var id) ||
                id < firstId || id >= firstId + requests.Count)
            {
                throw new RpcMalformedResponseException(name, "a batch answer carries an unknown id.");
            }

            var index = (int)(id - firstId);
            if (results[index] is not null)
            {
                throw new RpcMalformedResponseException(requests[index].Method, "a batch answer repeats an id.");
            }

            results[index] = ReadResponse(element, requests[index].Method, id);
        }

        var complete = new RpcResult[requests.Count];
        for (var i = 0; i < complete.Length; i++)
        {
            complete[i] = results[i] ?? throw new RpcMalformedResponseException(requests[i].Method, $"the batch answer lacks request {i}.");
        }

        return complete;
    }

    /// <summary>Disposes the HTTP client if this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static byte[] WriteBody(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRequest(Utf8JsonWriter writer, long id, string method, RpcParams? parameters)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WriteNumber("id"u8, id);
        writer.WriteString("method"u8, method);
        writer.WriteStartArray("params"u8);
        parameters?.Invoke(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static RpcResult ReadResponse(JsonElement element, string method, long? expectedId)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RpcMalformedResponseException(method, $"the answer is a JSON {element.ValueKind}, not a JSON-RPC object.");
        }

        if (element.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            if (error.ValueKind != JsonValueKind.Object)
            {
                throw new RpcMalformedResponseException(method, $"the error member is a JSON {error.ValueKind}, not an object.");
            }

            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var value) ? value : 0;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? string.Empty : string.Empty;
            JsonElement? data = error.TryGetProperty("data", out var d) ? d.Clone() : null;
            return new RpcResult(default, new RpcException(method, code, message, data));
        }

        if (expectedId is { } id && (!element.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number ||
            !idElement.TryGetInt64(out var got) || got != id))
        {
            throw new RpcMalformedResponseException(method, "the answer carries a different id.");
        }

        if (!element.TryGetProperty("result", out var result))
        {
            throw new RpcMalformedResponseException(method, "the answer has neither result nor error.");
        }

        return new RpcResult(result.Clone(), null);
    }

    /// <summary>Methods that change state when they arrive twice are sent once, never retried by this client.</summary>
    private static bool IsIdempotent(string method) =>
        method is not ("eth_sendRawTransaction" or "eth_sendTransaction" or "eth_sendRawTransactionSync");

    private static string BatchName(IReadOnlyList<RpcRequest> requests)
    {
        var first = requests[0].Method;
        foreach (var request in requests)
        {
            if (!string.Equals(request.Method, first, StringComparison.Ordinal))
            {
                return "batch";
            }
        }

        return "batch " + first;
    }

    private async Task<JsonDocument> PostWithRetriesAsync(byte[] body, string method, int maxRetries, CancellationToken cancellationToken)
    {
        using var activity = ChainTelemetry.ActivitySource.StartActivity("rpc " + method, System.Diagnostics.ActivityKind.Client);
        var started = _options.TimeProvider.GetTimestamp();
        try
        {
            return await PostAttemptsAsync(body, method, maxRetries, cancellationToken);
        }
        finally
        {
            ChainTelemetry.RpcDuration.Record(_options.TimeProvider.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("method", method));
        }
    }

    private async Task<JsonDocument> PostAttemptsAsync(byte[] body, string method, int maxRetries, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        for (var attempt = 0; ; attempt++)
        {
            Exception failure;
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider))
            using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    ChainTelemetry.RpcRequests.Add(1, new KeyValuePair<string, object?>("method", method));
                    using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = JsonContentType;
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
                    if (IsTransient(response.StatusCode))
                    {
                        failure = new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
                    }
                    else
                    {
                        // JSON-RPC errors come with 200 and also, from some nodes, with 4xx/500 and a JSON body.
                        var bytes = await ReadCappedAsync(response, method, attemptTimeout.Token);
                        try
                        {
                            return JsonDocument.Parse(bytes);
                        }
                        catch (JsonException e)
                        {
                            throw new RpcMalformedResponseException(method, $"HTTP {(int)response.StatusCode} with a body that is not JSON.", e);
                        }
                    }
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new TimeoutException($"{method}: no answer within {_options.RequestTimeout}.", e);
                }
                catch (HttpRequestException e) when (e.StatusCode is null || IsTransient(e.StatusCode.Value))
                {
                    failure = e;
                }
                catch (IOException e)
                {
                    // The connection broke while the body was read.
                    failure = e;
                }
            }

            if (attempt >= maxRetries)
            {
                throw new RpcTransportException($"{method}: {_options.Endpoint} failed after {attempt + 1} attempts: {failure.Message}", failure);
            }

            ChainTelemetry.RpcRetries.Add(1, new KeyValuePair<string, object?>("method", method));
            var jitter = 0.5 + (Random.Shared.NextDouble() * 0.5);
            await Task.Delay(backoff * jitter, _options.TimeProvider, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadCappedAsync(HttpResponseMessage response, string method, CancellationToken cancellationToken)
    {
        var cap = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > cap)
        {
            throw new RpcMalformedResponseException(method, $"the body of {declared} bytes exceeds the cap of {cap} bytes.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[(int)Math.Min(cap + 1L, response.Content.Headers.ContentLength is { } length ? length + 1 : 16 * 1024)];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled > cap)
                {
                    throw new RpcMalformedResponseException(method, $"the body exceeds the cap of {cap} bytes.");
                }

                Array.Resize(ref buffer, (int)Math.Min(cap + 1L, buffer.Length * 2L));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, filled);
            }

            filled += read;
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
