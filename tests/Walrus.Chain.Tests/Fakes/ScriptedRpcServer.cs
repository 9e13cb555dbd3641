using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Walrus.Testbed;

namespace Walrus.Chain.Tests.Fakes;

/// <summary>
/// A JSON-RPC endpoint on 127.0.0.1 whose replies a test scripts per method: answer, fail, send garbage, or forward
/// to a real node (anvil) and then lose the answer. Methods without a rule go to the upstream node, or get
/// "method not found" when there is none. Batches are split: every element gets its own rule or forward.
/// </summary>
internal sealed class ScriptedRpcServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly HttpClient _upstreamHttp = new();
    private readonly Uri? _upstream;
    private readonly ConcurrentDictionary<string, Func<ScriptedCall, Task<ScriptedReply>>> _rules = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _methods = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ScriptedRpcServer(Uri? upstream = null)
    {
        _upstream = upstream;
        // A port another socket took between the pick and the bind leaves that listener unusable: start a new one.
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPorts.Reserve();
            var listener = new HttpListener();
            try
            {
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                listener.Start();
                _listener = listener;
                Endpoint = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint { get; } = null!;

    /// <summary>Every method received, in order (batch elements one by one).</summary>
    public IReadOnlyList<string> Methods => [.. _methods];

    public int Count(string method) => _methods.Count(m => m == method);

    /// <summary>Scripts <paramref name="method"/>; the rule may forward with <see cref="ScriptedCall.ForwardAsync"/>.</summary>
    public void When(string method, Func<ScriptedCall, Task<ScriptedReply>> rule) => _rules[method] = rule;

    /// <summary>Scripts a fixed reply.</summary>
    public void When(string method, ScriptedReply reply) => _rules[method] = _ => Task.FromResult(reply);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _upstreamHttp.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            using var document = JsonDocument.Parse(body);
            ScriptedReply reply;
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                var parts = new List<string>();
                reply = ScriptedReply.Json("[]");
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    var part = await ReplyToAsync(element);
                    if (part.Kind != ScriptedReply.ReplyKind.Body)
                    {
                        reply = part;
                        parts = null;
                        break;
                    }

                    if (part.Body.Length > 0)
                    {
                        parts.Add(part.Body);
                    }
                }

                if (parts is not null)
                {
                    reply = ScriptedReply.Json("[" + string.Join(',', parts) + "]");
                }
            }
            else
            {
                reply = await ReplyToAsync(document.RootElement);
            }

            await WriteAsync(context, reply);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private async Task<ScriptedReply> ReplyToAsync(JsonElement request)
    {
        var method = request.GetProperty("method").GetString()!;
        _methods.Enqueue(method);
        var call = new ScriptedCall(this, method, request.GetProperty("id").GetRawText(), request.GetRawText(), request.GetProperty("params").Clone());
        if (_rules.TryGetValue(method, out var rule))
        {
            return await rule(call);
        }

        return ScriptedReply.Json(await call.ForwardAsync());
    }

    internal async Task<string> ForwardAsync(string requestJson)
    {
        if (_upstream is null)
        {
            using var document = JsonDocument.Parse(requestJson);
            return "{\"jsonrpc\":\"2.0\",\"id\":" + document.RootElement.GetProperty("id").GetRawText() + ",\"error\":{\"code\":-32601,\"message\":\"method not found\"}}";
        }

        using var content = new StringContent(requestJson, Encoding.UTF8, "application/json");
        using var response = await _upstreamHttp.PostAsync(_upstream, content);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task WriteAsync(HttpListenerContext context, ScriptedReply reply)
    {
        var response = context.Response;
        switch (reply.Kind)
        {
            case ScriptedReply.ReplyKind.Drop:
                // Reset the connection: the request arrived, the answer never does.
                response.Abort();
                return;
            case ScriptedReply.ReplyKind.Hang:
                await Task.Delay(reply.Delay);
                response.Abort();
                return;
            default:
                break;
        }

        response.StatusCode = reply.Status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        if (reply.Chunked)
        {
            response.SendChunked = true;
        }
        else
        {
            response.ContentLength64 = bytes.Length;
        }

        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
