using System.Net;
using System.Net.Sockets;
using Walrus.Chain.Rpc;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Rpc;

[Collection(AnvilGroup.Name)]
public sealed class JsonRpcClientTests(AnvilFixture anvil)
{
    [Fact]
    public async Task Call_returns_the_result()
    {
        var result = await anvil.Rpc.CallAsync("eth_chainId", null, CancellationToken.None);
        Assert.Equal("0x7a69", result.GetString());
    }

    [Fact]
    public async Task Batch_returns_results_in_request_order_with_per_call_errors()
    {
        var results = await anvil.Rpc.CallBatchAsync(
        [
            new RpcRequest("eth_chainId"),
            new RpcRequest("no_such_method"),
            new RpcRequest("eth_getBalance", w => { w.WriteStringValue(TestKeys.AnvilAddresses[9].ToLowerHex()); w.WriteStringValue("latest"); }),
        ], CancellationToken.None);

        Assert.Equal("0x7a69", results[0].GetResultOrThrow().GetString());
        Assert.NotNull(results[1].Error);
        Assert.True(Hex.DecodeQuantity(results[2].GetResultOrThrow().GetString()!) > 0);
    }

    [Fact]
    public async Task Node_errors_are_thrown_with_their_code_and_not_retried()
    {
        var handler = new CountingHandler(new SocketsHttpHandler());
        using var http = new HttpClient(handler);
        using var rpc = new JsonRpcClient(http, new JsonRpcClientOptions { Endpoint = anvil.Endpoint, MaxRetries = 3 });

        var error = await Assert.ThrowsAsync<RpcException>(() => rpc.CallAsync("no_such_method", null, CancellationToken.None));

        Assert.Equal(-32601, error.Code);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task Transient_http_failures_are_retried_with_backoff()
    {
        var handler = new CountingHandler(new SocketsHttpHandler(), failFirst: 2);
        using var http = new HttpClient(handler);
        using var rpc = new JsonRpcClient(http, new JsonRpcClientOptions { Endpoint = anvil.Endpoint, MaxRetries = 3, InitialBackoff = TimeSpan.FromMilliseconds(1) });

        var result = await rpc.CallAsync("eth_chainId", null, CancellationToken.None);

        Assert.Equal("0x7a69", result.GetString());
        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task An_unreachable_node_fails_after_the_retries()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = new Uri($"http://127.0.0.1:{port}"), MaxRetries = 2, InitialBackoff = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<RpcTransportException>(() => rpc.CallAsync("eth_chainId", null, CancellationToken.None));

        Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_counts_as_transient()
    {
        var handler = new CountingHandler(new SocketsHttpHandler(), delayFirst: TimeSpan.FromSeconds(10));
        using var http = new HttpClient(handler);
        using var rpc = new JsonRpcClient(http, new JsonRpcClientOptions { Endpoint = anvil.Endpoint, RequestTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 1, InitialBackoff = TimeSpan.FromMilliseconds(1) });

        var result = await rpc.CallAsync("eth_chainId", null, CancellationToken.None);

        Assert.Equal("0x7a69", result.GetString());
        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public async Task A_raw_transaction_is_sent_once_even_when_the_answer_is_a_transient_failure()
    {
        var handler = new CountingHandler(new SocketsHttpHandler(), failFirst: 5);
        using var http = new HttpClient(handler);
        using var rpc = new JsonRpcClient(http, new JsonRpcClientOptions { Endpoint = anvil.Endpoint, MaxRetries = 3, InitialBackoff = TimeSpan.FromMilliseconds(1) });

        await Assert.ThrowsAsync<RpcTransportException>(() => rpc.CallAsync("eth_sendRawTransaction", w => w.WriteStringValue("0x02"), CancellationToken.None));
        await Assert.ThrowsAsync<RpcTransportException>(() => rpc.CallBatchAsync([new RpcRequest("eth_chainId"), new RpcRequest("eth_sendRawTransaction", w => w.WriteStringValue("0x02"))], CancellationToken.None));

        Assert.Equal(2, handler.Requests);
    }

    /// <summary>Passes requests to the real node, optionally answering the first ones with 503 or delaying them.</summary>
    private sealed class CountingHandler(HttpMessageHandler inner, int failFirst = 0, TimeSpan delayFirst = default) : DelegatingHandler(inner)
    {
        private int _requests;

        public int Requests => _requests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref _requests);
            if (number <= failFirst)
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            if (number == 1 && delayFirst > TimeSpan.Zero)
            {
                await Task.Delay(delayFirst, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
