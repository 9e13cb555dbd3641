using Walrus.Chain.Rpc;

namespace Walrus.Chain.Tests.Rpc;

/// <summary>The node messages the sender and the event stream act on, as geth, Nethermind, Erigon, anvil and hosted providers word them.</summary>
public sealed class RpcExceptionTests
{
    [Theory]
    [InlineData("already known", "known")]
    [InlineData("AlreadyKnown", "known")]
    [InlineData("known transaction: 0xabc", "known")]
    [InlineData("nonce too low: next nonce 5, tx nonce 4", "low")]
    [InlineData("OldNonce, Current nonce: 5, nonce of rejected tx: 4", "low")]
    [InlineData("nonce has already been used", "low")]
    [InlineData("replacement transaction underpriced", "replacement")]
    [InlineData("ReplacementNotAllowed", "replacement")]
    [InlineData("max fee per gas less than block base fee: address 0x1, maxFeePerGas: 1, baseFee: 7", "feecap")]
    [InlineData("FeeCapTooLow", "feecap")]
    [InlineData("insufficient funds for gas * price + value", "none")]
    [InlineData("transaction underpriced", "none")]
    public void Transaction_refusals_are_classified(string message, string expected)
    {
        var e = new RpcException("eth_sendRawTransaction", -32000, message, null);

        Assert.Equal(expected == "known", e.IsAlreadyKnown);
        Assert.Equal(expected == "low", e.IsNonceTooLow);
        Assert.Equal(expected == "replacement", e.IsReplacementUnderpriced);
        Assert.Equal(expected == "feecap", e.IsFeeCapTooLow);
    }

    [Theory]
    [InlineData(-32005, "query returned more than 10000 results", true)]
    [InlineData(-32602, "eth_getLogs block range too large, range: 5000, max: 1000", true)]
    [InlineData(-32000, "exceed maximum block range: 2000", true)]
    [InlineData(-32000, "Log response size exceeded", true)]
    [InlineData(-32000, "header not found", false)]
    public void Log_range_refusals_are_recognised(int code, string message, bool expected) =>
        Assert.Equal(expected, new RpcException("eth_getLogs", code, message, null).IsLogRangeTooLarge);

    [Fact]
    public void A_malformed_reply_is_never_taken_for_a_node_verdict()
    {
        var e = new RpcMalformedResponseException("eth_sendRawTransaction", "already known revert nonce too low range");

        Assert.False(e.IsNodeError || e.IsAlreadyKnown || e.IsNonceTooLow || e.IsRevert || e.IsReplacementUnderpriced || e.IsLogRangeTooLarge);
        Assert.IsAssignableFrom<RpcException>(e);
        Assert.Equal("eth_sendRawTransaction", e.Method);
    }
}
