using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Chain.Tests.Fakes;
using Walrus.Chain.Transactions;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Transactions;

/// <summary>The shared receipt-polling loop against a proxy in front of anvil that garbles one receipt.</summary>
[Collection(AnvilGroup.Name)]
public sealed class ReceiptPollerTests(AnvilFixture anvil)
{
    [Fact]
    public async Task A_malformed_receipt_fails_its_waiter_and_the_poller_serves_everyone_else()
    {
        var poisoned = Keccak256.HashUtf8("poisoned receipt");
        await using var proxy = new ScriptedRpcServer(anvil.Endpoint);
        proxy.When("eth_getTransactionReceipt", async call =>
            call.Params[0].GetString() == poisoned.ToString()
                ? call.Result("{\"transactionHash\":5,\"blockNumber\":[]}")
                : ScriptedReply.Json(await call.ForwardAsync()));
        var sender = new TransactionSender(
            new EthClient(new JsonRpcClient(new JsonRpcClientOptions { Endpoint = proxy.Endpoint })),
            new TransactionSenderOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(10), ReceiptTimeout = TimeSpan.FromSeconds(20) });
        using var key = TestKeys.FromLabel("receipt-poller-" + Guid.NewGuid().ToString("N"));
        await anvil.Rpc.CallAsync("anvil_setBalance", w =>
        {
            w.WriteStringValue(key.Address.ToLowerHex());
            w.WriteStringValue(Hex.EncodeQuantity(BigInteger.Pow(10, 19)));
        }, CancellationToken.None);
        var to = TestKeys.FromLabel("receipt-poller-target").Address;

        var bad = sender.WaitForReceiptAsync(poisoned, CancellationToken.None);
        var during = sender.SendAndWaitAsync(key, new TransactionRequest { To = to, Value = 1, GasLimit = 21_000 }, null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => bad);
        Assert.Equal("eth_getTransactionReceipt", error.Method);
        Assert.True((await during).Succeeded);
        Assert.True((await sender.SendAndWaitAsync(key, new TransactionRequest { To = to, Value = 1, GasLimit = 21_000 }, null, CancellationToken.None)).Succeeded);
    }
}
