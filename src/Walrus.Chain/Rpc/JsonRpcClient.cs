using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Walrus.Chain.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP POST: single calls and batches, a timeout per attempt, and retries with
/// exponential backoff and jitter for transient failures only (connection errors, attempt timeouts,
/// HTTP 429/502/503/504). Errors the node returns are never retried here.
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
        using var document = await PostWithRetriesAsync(body, method, cancellationToken);
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
        using var document = await PostWithRetriesAsync(body, "batch", cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            // A node rejects a whole batch with one error object.
            var single = ReadResponse(root, "batch", null);
            throw (Exception?)single.Error ?? new RpcTransportException("The node answered a batch with a single result.");
        }

        var results = new RpcResult?[requests.Count];
        foreach (var element in root.EnumerateArray())
        {
            if (!element.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id) ||
                id < firstId || id >= firstId + requests.Count)
            {
                throw new RpcTransportException("The node answered a batch with an unknown id.");
            }

            var index = (int)(id - firstId);
            results[index] = ReadResponse(element, requests[index].Method, id);
        }

        var complete = new RpcResult[requests.Count];
        for (var i = 0; i < complete.Length; i++)
        {
            complete[i] = results[i] ?? throw new RpcTransportException($"The node's batch answer lacks request {i}.");
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
            throw new RpcTransportException($"{method}: the node's answer is not a JSON-RPC object.");
        }

        if (element.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var value) ? value : 0;
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
            JsonElement? data = error.TryGetProperty("data", out var d) ? d.Clone() : null;
            return new RpcResult(default, new RpcException(method, code, message, data));
        }

        if (expectedId is { } id && (!element.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var got) || got != id))
        {
            throw new RpcTransportException($"{method}: the node answered with a different id.");
        }

        if (!element.TryGetProperty("result", out var result))
        {
            throw new RpcTransportException($"{method}: the node's answer has neither result nor error.");
        }

        return new RpcResult(result.Clone(), null);
    }

    private async Task<JsonDocument> PostWithRetriesAsync(byte[] body, string method, CancellationToken cancellationToken)
    {
        using var activity = ChainTelemetry.ActivitySource.StartActivity("rpc " + method, System.Diagnostics.ActivityKind.Client);
        var started = _options.TimeProvider.GetTimestamp();
        try
        {
            return await PostAttemptsAsync(body, method, cancellationToken);
        }
        finally
        {
            ChainTelemetry.RpcDuration.Record(_options.TimeProvider.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("method", method));
        }
    }

    private async Task<JsonDocument> PostAttemptsAsync(byte[] body, string method, CancellationToken cancellationToken)
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
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = JsonContentType;
                    using var response = await _http.PostAsync(_options.Endpoint, content, attemptTimeout.Token);
                    if (IsTransient(response.StatusCode))
                    {
                        failure = new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
                    }
                    else
                    {
                        // JSON-RPC errors come with 200 and also, from some nodes, with 4xx/500 and a JSON body.
                        await using var stream = await response.Content.ReadAsStreamAsync(attemptTimeout.Token);
                        try
                        {
                            return await JsonDocument.ParseAsync(stream, default, attemptTimeout.Token);
                        }
                        catch (JsonException e)
                        {
                            throw new RpcTransportException($"{method}: HTTP {(int)response.StatusCode} with a body that is not JSON.", e);
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
            }

            if (attempt >= _options.MaxRetries)
            {
                throw new RpcTransportException($"{method}: {_options.Endpoint} failed after {attempt + 1} attempts: {failure.Message}", failure);
            }

            ChainTelemetry.RpcRetries.Add(1, new KeyValuePair<string, object?>("method", method));
            var jitter = 0.5 + (Random.Shared.NextDouble() * 0.5);
            await Task.Delay(backoff * jitter, _options.TimeProvider, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
