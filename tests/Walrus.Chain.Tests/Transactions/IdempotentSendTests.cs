using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Chain.Tests.Fakes;
using Walrus.Chain.Transactions;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Transactions;

/// <summary>
/// Sends through a scripted proxy in front of a real anvil: the proxy passes a transaction to anvil and then loses,
/// garbles or delays the answer. Exactly one transaction must land, and the account's nonce advance by one.
/// </summary>
[Collection(AnvilGroup.Name)]
public sealed class IdempotentSendTests(AnvilFixture anvil)
{
    private static readonly BigInteger Amount = 777;

    public static TheoryData<string> LostAnswers => ["drop", "503", "garbage", "timeout", "already known"];

    [Theory]
    [MemberData(nameof(LostAnswers))]
    public async Task A_send_whose_answer_is_lost_lands_exactly_one_transaction(string how)
    {
        await using var proxy = new ScriptedRpcServer(anvil.Endpoint);
        var first = true;
        proxy.When("eth_sendRawTransaction", async call =>
        {
            var forwarded = await call.ForwardAsync();
            if (!first)
            {
                return ScriptedReply.Json(forwarded);
            }

            first = false;
            return how switch
            {
                "drop" => ScriptedReply.Drop,
                "503" => ScriptedReply.Json("upstream hiccup", 503),
                "garbage" => ScriptedReply.Json("<html>oops</html>", 200),
                "timeout" => ScriptedReply.Hang(TimeSpan.FromSeconds(2)),
                _ => call.Error(-32000, "already known"),
            };
        });
        using var key = await FundedKeyAsync("lost-answer-" + how);
        var to = TestKeys.FromLabel("lost-answer-target-" + how).Address;
        var sender = NewSender(proxy.Endpoint);
        var nonceBefore = await anvil.Eth.GetTransactionCountAsync(key.Address, BlockParameter.Latest, CancellationToken.None);

        var receipt = await sender.SendAndWaitAsync(key, new TransactionRequest { To = to, Value = Amount, GasLimit = 21_000 }, null, CancellationToken.None);
        await sender.SendAndWaitAsync(key, new TransactionRequest { To = to, Value = Amount, GasLimit = 21_000 }, null, CancellationToken.None);

        Assert.True(receipt.Succeeded);
        Assert.Equal(nonceBefore + 2, await anvil.Eth.GetTransactionCountAsync(key.Address, BlockParameter.Pending, CancellationToken.None));
        Assert.Equal(2 * Amount, await anvil.Eth.GetBalanceAsync(to, null, CancellationToken.None));
        Assert.True(proxy.Count("eth_sendRawTransaction") >= 2);
        Assert.Empty(sender.Unsettled(key.Address));
    }

    [Fact]
    public async Task Concurrent_sends_through_a_lossy_link_each_land_exactly_once()
    {
        await using var proxy = new ScriptedRpcServer(anvil.Endpoint);
        var sends = 0;
        proxy.When("eth_sendRawTransaction", async call =>
        {
            // Every transaction reaches the node; every third answer is lost on the way back.
            var forwarded = await call.ForwardAsync();
            return Interlocked.Increment(ref sends) % 3 == 0 ? ScriptedReply.Drop : ScriptedReply.Json(forwarded);
        });
        using var key = await FundedKeyAsync("lossy");
        var to = TestKeys.FromLabel("lossy-target-" + Guid.NewGuid().ToString("N")).Address;
        var sender = NewSender(proxy.Endpoint);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            sender.SendAndWaitAsync(key, new TransactionRequest { To = to, Value = Amount, GasLimit = 21_000 }, null, CancellationToken.None)));

        Assert.All(receipts, r => Assert.True(r.Succeeded));
        Assert.Equal(20, receipts.Select(r => r.TransactionHash).Distinct().Count());
        Assert.Equal(20UL, await anvil.Eth.GetTransactionCountAsync(key.Address, BlockParameter.Pending, CancellationToken.None));
        Assert.Equal(20 * Amount, await anvil.Eth.GetBalanceAsync(to, null, CancellationToken.None));
        // Six or more answers were lost; each was settled by looking its hash up (and, at most, resending the same bytes).
        Assert.True(sends >= 20);
        Assert.True(proxy.Count("eth_getTransactionByHash") >= 6);
    }

    [Fact]
    public async Task Replacement_underpriced_for_a_hash_the_node_does_not_know_signs_again_without_paying_twice()
    {
        await using var proxy = new ScriptedRpcServer(anvil.Endpoint);
        var first = true;
        proxy.When("eth_sendRawTransaction", async call =>
        {
            if (first)
            {
                first = false;
                return call.Error(-32000, "replacement transaction underpriced");
            }

            return ScriptedReply.Json(await call.ForwardAsync());
        });
        using var key = await FundedKeyAsync("underpriced");
        var to = TestKeys.FromLabel("underpriced-target").Address;
        var sender = NewSender(proxy.Endpoint);

        var receipt = await sender.SendAndWaitAsync(key, new TransactionRequest { To = to, Value = Amount, GasLimit = 21_000 }, null, CancellationToken.None);

        Assert.True(receipt.Succeeded);
        Assert.Equal(2, proxy.Count("eth_sendRawTransaction"));
        Assert.Equal(1UL, await anvil.Eth.GetTransactionCountAsync(key.Address, BlockParameter.Pending, CancellationToken.None));
        Assert.Equal(Amount, await anvil.Eth.GetBalanceAsync(to, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_send_the_node_never_answers_keeps_its_nonce_and_is_rebroadcast_before_the_next_send()
    {
        await using var proxy = new ScriptedRpcServer(anvil.Endpoint);
        var blackHole = true;
        proxy.When("eth_sendRawTransaction", async call => blackHole ? ScriptedReply.Drop : ScriptedReply.Json(await call.ForwardAsync()));
        using var key = await FundedKeyAsync("black-hole");
        var to = TestKeys.FromLabel("black-hole-target").Address;
        var sender = NewSender(proxy.Endpoint);

        var unknown = await Assert.ThrowsAsync<TransactionOutcomeUnknownException>(() =>
            sender.SendAsync(key, new TransactionRequest { To = to, Value = Amount, GasLimit = 21_000 }, null, CancellationToken.None));
        blackHole = false;
        var next = await sender.SendAsync(key, new TransactionRequest { To = to, Value = Amount, GasLimit = 21_000 }, null, CancellationToken.None);
        var second = await sender.WaitForReceiptAsync(next.Hash, CancellationToken.None);
        var firstReceipt = await sender.WaitForReceiptAsync(unknown.Transaction!.Hash, CancellationToken.None);

        Assert.Equal(0UL, unknown.Transaction.Transaction.Nonce);
        Assert.Equal(1UL, next.Transaction.Nonce);
        Assert.True(firstReceipt.Succeeded && second.Succeeded);
        Assert.Equal(2 * Amount, await anvil.Eth.GetBalanceAsync(to, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_transaction_pooled_behind_the_nonce_gap_of_a_lost_send_is_freed_while_waiting()
    {
        await using var proxy = new ScriptedRpcServer(anvil.Endpoint);
        byte[]? lost = null;
        var losing = true;
        proxy.When("eth_sendRawTransaction", async call =>
        {
            var raw = Hex.Decode(call.Params[0].GetString()!);
            lost ??= raw;
            return losing && raw.AsSpan().SequenceEqual(lost) ? ScriptedReply.Drop : ScriptedReply.Json(await call.ForwardAsync());
        });
        using var key = await FundedKeyAsync("gap");
        var to = TestKeys.FromLabel("gap-target").Address;
        var sender = new TransactionSender(
            new EthClient(new JsonRpcClient(new JsonRpcClientOptions { Endpoint = proxy.Endpoint, RequestTimeout = TimeSpan.FromMilliseconds(500), MaxRetries = 0 })),
            new TransactionSenderOptions
            {
                ReceiptPollInterval = TimeSpan.FromMilliseconds(10),
                BroadcastBackoff = TimeSpan.FromMilliseconds(10),
                StuckCheckInterval = TimeSpan.FromMilliseconds(200),
                ReceiptTimeout = TimeSpan.FromSeconds(20),
            });

        // Nonce 0 never reaches the node, not even when it is rebroadcast before the next send; nonce 1 then waits
        // in the pool behind the gap. Once the link heals, the wait itself must fill the gap.
        var unknown = await Assert.ThrowsAsync<TransactionOutcomeUnknownException>(() =>
            sender.SendAsync(key, new TransactionRequest { To = to, Value = Amount, GasLimit = 21_000 }, null, CancellationToken.None));
        var behind = await sender.SendAsync(key, new TransactionRequest { To = to, Value = Amount, GasLimit = 21_000 }, null, CancellationToken.None);
        Assert.Equal(0UL, await anvil.Eth.GetTransactionCountAsync(key.Address, BlockParameter.Latest, CancellationToken.None));
        losing = false;

        var receipt = await sender.WaitAndReplaceAsync(key, behind, CancellationToken.None);

        Assert.True(receipt.Succeeded);
        Assert.Equal(0UL, unknown.Transaction!.Transaction.Nonce);
        Assert.Equal(1UL, behind.Transaction.Nonce);
        Assert.Equal(2UL, await anvil.Eth.GetTransactionCountAsync(key.Address, BlockParameter.Latest, CancellationToken.None));
        Assert.Equal(2 * Amount, await anvil.Eth.GetBalanceAsync(to, null, CancellationToken.None));
        Assert.Empty(sender.Unsettled(key.Address));
    }

    [Fact]
    public async Task A_transaction_stuck_below_the_base_fee_is_replaced_by_fee_with_the_same_nonce()
    {
        using var key = await FundedKeyAsync("stuck");
        var to = TestKeys.FromLabel("stuck-target").Address;
        var sender = new TransactionSender(anvil.Eth, new TransactionSenderOptions
        {
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
            StuckCheckInterval = TimeSpan.FromMilliseconds(100),
            FeeCacheDuration = TimeSpan.Zero,
            ReceiptTimeout = TimeSpan.FromSeconds(30),
        });
        await anvil.Rpc.CallAsync("evm_setAutomine", w => w.WriteBooleanValue(false), CancellationToken.None);
        try
        {
            var original = await sender.SendAsync(key, new TransactionRequest { To = to, Value = Amount, GasLimit = 21_000 }, null, CancellationToken.None);

            // The base fee jumps far above the transaction's fee cap: it cannot be mined.
            var high = original.Transaction.MaxFeePerGas * 4;
            await anvil.Rpc.CallAsync("anvil_setNextBlockBaseFeePerGas", w => w.WriteStringValue(Hex.EncodeQuantity(high)), CancellationToken.None);
            await anvil.Rpc.CallAsync("evm_mine", null, CancellationToken.None);
            var wait = sender.WaitAndReplaceAsync(key, original, CancellationToken.None);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (!wait.IsCompleted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(150);
                await anvil.Rpc.CallAsync("evm_mine", null, CancellationToken.None);
            }

            var receipt = await wait;
            var mined = await anvil.Eth.GetTransactionByHashAsync(receipt.TransactionHash, CancellationToken.None);

            Assert.NotEqual(original.Hash, receipt.TransactionHash);
            Assert.Equal(original.Transaction.Nonce, mined!.Nonce);
            Assert.True(mined.MaxFeePerGas * 8 >= original.Transaction.MaxFeePerGas * 9, "the fee cap rose by at least 12.5 %");
            Assert.True(mined.MaxPriorityFeePerGas * 8 >= original.Transaction.MaxPriorityFeePerGas * 9, "the tip rose by at least 12.5 %");
            Assert.True(mined.MaxFeePerGas >= high, "the fee cap covers the base fee that stranded the original");
            Assert.Equal(1UL, await anvil.Eth.GetTransactionCountAsync(key.Address, BlockParameter.Latest, CancellationToken.None));
            Assert.Equal(Amount, await anvil.Eth.GetBalanceAsync(to, null, CancellationToken.None));
        }
        finally
        {
            await anvil.Rpc.CallAsync("evm_setAutomine", w => w.WriteBooleanValue(true), CancellationToken.None);
        }
    }

    private static TransactionSender NewSender(Uri endpoint) =>
        new(new EthClient(new JsonRpcClient(new JsonRpcClientOptions { Endpoint = endpoint, RequestTimeout = TimeSpan.FromMilliseconds(500), MaxRetries = 2, InitialBackoff = TimeSpan.FromMilliseconds(5) })),
            new TransactionSenderOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(10), BroadcastBackoff = TimeSpan.FromMilliseconds(20), ReceiptTimeout = TimeSpan.FromSeconds(20) });

    /// <summary>A fresh account (nonce 0) with 10 ETH, so tests do not share nonces.</summary>
    private async Task<PrivateKey> FundedKeyAsync(string label)
    {
        var key = TestKeys.FromLabel("idempotent-" + label + "-" + Guid.NewGuid().ToString("N"));
        await anvil.Rpc.CallAsync("anvil_setBalance", w =>
        {
            w.WriteStringValue(key.Address.ToLowerHex());
            w.WriteStringValue(Hex.EncodeQuantity(BigInteger.Pow(10, 19)));
        }, CancellationToken.None);
        return key;
    }
}
