using System.Text;
using Walrus.Chain.Rpc;
using Walrus.Chain.Tests.Fakes;

namespace Walrus.Chain.Tests.Rpc;

/// <summary>Whatever shape a broken or hostile node's reply takes, the caller sees one exception type naming the method.</summary>
public sealed class MalformedReplyTests
{
    private const string ValidLog = "{\"address\":\"0x0000000000000000000000000000000000000001\",\"topics\":[],\"data\":\"0x\",\"blockNumber\":\"0x1\"," +
        "\"blockHash\":\"0x" + "11111111111111111111111111111111" + "11111111111111111111111111111111\",\"transactionHash\":\"0x" + "22222222222222222222222222222222" + "22222222222222222222222222222222\"," +
        "\"transactionIndex\":\"0x0\",\"logIndex\":\"0x0\"}";

    public static TheoryData<string, string> Shapes => new()
    {
        // method, what the node answers ({id} is replaced by the request's id)
        { "eth_blockNumber", "this is not json" },
        { "eth_blockNumber", "[{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"0x1\"}]" },
        { "eth_blockNumber", "\"just a string\"" },
        { "eth_blockNumber", "{\"jsonrpc\":\"2.0\",\"id\":{id}}" },
        { "eth_blockNumber", "{\"jsonrpc\":\"2.0\",\"id\":999999,\"result\":\"0x1\"}" },
        { "eth_blockNumber", "{\"jsonrpc\":\"2.0\",\"id\":\"{id}\",\"result\":\"0x1\"}" },
        { "eth_blockNumber", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":\"boom\"}" },
        { "eth_blockNumber", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":17}" },
        { "eth_blockNumber", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":null}" },
        { "eth_blockNumber", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"0xzz\"}" },
        { "eth_blockNumber", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"0x1ffffffffffffffffffff\"}" },
        { "eth_chainId", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[]}" },
        { "eth_getBalance", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{}}" },
        { "eth_getBlockByNumber", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{\"number\":\"0x1\"}}" },
        { "eth_getBlockByNumber", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{\"number\":\"0x1\",\"hash\":\"0x12\",\"parentHash\":null,\"timestamp\":\"0x1\"}}" },
        { "eth_getBlockByNumber", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"0x1\"}" },
        { "eth_getLogs", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{}}" },
        { "eth_getLogs", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[" + ValidLog.Replace("\"topics\":[]", "\"topics\":7", StringComparison.Ordinal) + "]}" },
        { "eth_getLogs", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[" + ValidLog.Replace("\"topics\":[]", "\"topics\":[null]", StringComparison.Ordinal) + "]}" },
        { "eth_getLogs", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[" + ValidLog.Replace(",\"logIndex\":\"0x0\"", string.Empty, StringComparison.Ordinal) + "]}" },
        { "eth_getLogs", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[42]}" },
        { "eth_getTransactionReceipt", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{\"transactionHash\":5}}" },
        { "eth_getTransactionReceipt", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":true}" },
        { "eth_getTransactionByHash", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{\"hash\":\"0x00\"}}" },
        { "eth_feeHistory", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{\"oldestBlock\":\"0x1\",\"baseFeePerGas\":null}}" },
        { "eth_feeHistory", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{\"oldestBlock\":\"0x1\",\"baseFeePerGas\":[\"0x1\"],\"reward\":[7]}}" },
        { "eth_call", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"0x123\"}" },
        { "eth_sendRawTransaction", "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"0x1234\"}" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_malformed_reply_is_one_exception_type_naming_the_method(string method, string reply)
    {
        await using var server = new ScriptedRpcServer();
        server.When(method, call => Task.FromResult(ScriptedReply.Json(reply.Replace("{id}", call.IdJson, StringComparison.Ordinal))));
        using var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = server.Endpoint, MaxRetries = 0 });
        var eth = new EthClient(rpc);

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => Invoke(eth, method));

        Assert.Equal(method, error.Method);
        Assert.False(error.IsRevert);
        Assert.False(error.IsNonceTooLow);
    }

    [Theory]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":123456789,\"result\":\"0x1\"}]")]
    [InlineData("[]")]
    [InlineData("[7, 8]")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}")]
    public async Task A_malformed_batch_answer_is_the_same_exception_type(string reply)
    {
        await using var server = new ScriptedRpcServer();
        server.When("eth_getBlockByNumber", ScriptedReply.Json(reply));
        using var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = server.Endpoint, MaxRetries = 0 });
        var eth = new EthClient(rpc);

        // The server answers the first batch element with the whole reply; the batch is then not what was asked.
        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => eth.GetBlockHeadersAsync([1, 2], CancellationToken.None));

        Assert.Contains("eth_getBlockByNumber", error.Method, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_error_page_is_the_same_exception_type_and_not_retried()
    {
        await using var server = new ScriptedRpcServer();
        server.When("eth_blockNumber", ScriptedReply.Json("<html>500 Internal Server Error</html>", 500));
        using var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = server.Endpoint, MaxRetries = 3, InitialBackoff = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => new EthClient(rpc).GetBlockNumberAsync(CancellationToken.None));

        Assert.Equal("eth_blockNumber", error.Method);
        Assert.Equal(1, server.Count("eth_blockNumber"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_cap_is_refused_with_or_without_a_content_length(bool chunked)
    {
        await using var server = new ScriptedRpcServer();
        var big = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x");
        big.Append('0', 3 * 1024 * 1024).Append("\"}");
        server.When("eth_getCode", ScriptedReply.Json(big.ToString()) with { Chunked = chunked });
        using var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = server.Endpoint, MaxRetries = 0, MaxResponseBytes = 1024 * 1024 });

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => new EthClient(rpc).GetCodeAsync(Address.Zero, CancellationToken.None));

        Assert.Equal("eth_getCode", error.Method);
        Assert.Contains("cap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_under_the_cap_is_read()
    {
        await using var server = new ScriptedRpcServer();
        server.When("eth_getCode", call => Task.FromResult(call.Result("\"0x" + new string('a', 200_000) + "\"") with { Chunked = true }));
        using var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = server.Endpoint, MaxRetries = 0, MaxResponseBytes = 1024 * 1024 });

        var code = await new EthClient(rpc).GetCodeAsync(Address.Zero, CancellationToken.None);

        Assert.Equal(100_000, code.Length);
    }

    private static Task Invoke(EthClient eth, string method) => method switch
    {
        "eth_blockNumber" => eth.GetBlockNumberAsync(CancellationToken.None),
        "eth_chainId" => eth.GetChainIdAsync(CancellationToken.None),
        "eth_getBalance" => eth.GetBalanceAsync(Address.Zero, null, CancellationToken.None),
        "eth_getBlockByNumber" => eth.GetBlockHeaderAsync(BlockParameter.Latest, CancellationToken.None),
        "eth_getLogs" => eth.GetLogsAsync(new LogFilter(1, 2), CancellationToken.None),
        "eth_getTransactionReceipt" => eth.GetTransactionReceiptAsync(Hash256.Zero, CancellationToken.None),
        "eth_getTransactionByHash" => eth.GetTransactionByHashAsync(Hash256.Zero, CancellationToken.None),
        "eth_feeHistory" => eth.GetFeeHistoryAsync(4, BlockParameter.Latest, [50], CancellationToken.None),
        "eth_call" => eth.CallAsync(new CallRequest { To = Address.Zero }, null, CancellationToken.None),
        "eth_sendRawTransaction" => eth.SendRawTransactionAsync(new byte[] { 1 }, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
