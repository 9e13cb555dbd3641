using System.Numerics;
using Walrus.Chain.Abi;
using Walrus.Chain.Crypto;
using Walrus.Chain.Rpc;
using Walrus.Chain.Tests.Rpc;
using Walrus.Chain.Transactions;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Transactions;

[Collection(AnvilGroup.Name)]
public sealed class TransactionSenderTests(AnvilFixture anvil)
{
    private static readonly Hash256 BlobId = Keccak256.HashUtf8("some blob");

    [Fact]
    public async Task A_transfer_is_mined_and_moves_the_value()
    {
        using var from = TestKeys.Anvil(1);
        var to = TestKeys.FromLabel("transfer-target").Address;
        var before = await anvil.Eth.GetBalanceAsync(to, null, CancellationToken.None);

        var receipt = await anvil.Sender.SendAndWaitAsync(from, new TransactionRequest { To = to, Value = 12345 }, null, CancellationToken.None);

        Assert.True(receipt.Succeeded);
        Assert.Equal(from.Address, receipt.From);
        Assert.Equal(before + 12345, await anvil.Eth.GetBalanceAsync(to, null, CancellationToken.None));
    }

    [Fact]
    public async Task Many_concurrent_transactions_from_one_account_all_land_with_distinct_nonces()
    {
        using var from = TestKeys.Anvil(2);
        var sender = anvil.NewSender();
        var to = TestKeys.FromLabel("fan-out").Address;
        var start = await anvil.Eth.GetTransactionCountAsync(from.Address, BlockParameter.Latest, CancellationToken.None);

        var sends = Task.WhenAll(Enumerable.Range(0, 40).Select(_ => sender.SendAndWaitAsync(from, new TransactionRequest { To = to, Value = 1, GasLimit = 21_000 }, null, CancellationToken.None)));

        // anvil mines on arrival, and under load its instant miner has been seen to leave a transaction that arrived
        // ahead of its nonce in the pool until the next one arrives (none does here). A real chain's next block would
        // take it, so a quiet spell gets an empty block, as a real chain would produce. Nonces are what is under test.
        while (await Task.WhenAny(sends, Task.Delay(TimeSpan.FromSeconds(3))) != sends)
        {
            await anvil.Rpc.CallAsync("evm_mine", null, CancellationToken.None);
        }

        var receipts = await sends;

        Assert.All(receipts, r => Assert.True(r.Succeeded));
        Assert.Equal(40, receipts.Select(r => r.TransactionHash).Distinct().Count());
        Assert.Equal(start + 40, await anvil.Eth.GetTransactionCountAsync(from.Address, BlockParameter.Latest, CancellationToken.None));
    }

    [Fact]
    public async Task A_nonce_taken_by_another_client_is_detected_and_the_counter_resyncs()
    {
        using var from = TestKeys.Anvil(3);
        var mine = anvil.NewSender();
        var other = anvil.NewSender();
        var to = TestKeys.FromLabel("resync").Address;
        await mine.SendAndWaitAsync(from, new TransactionRequest { To = to, Value = 1, GasLimit = 21_000 }, null, CancellationToken.None);

        // Another process uses the next nonces behind our back.
        await other.SendAndWaitAsync(from, new TransactionRequest { To = to, Value = 1, GasLimit = 21_000 }, null, CancellationToken.None);
        await other.SendAndWaitAsync(from, new TransactionRequest { To = to, Value = 1, GasLimit = 21_000 }, null, CancellationToken.None);

        var receipt = await mine.SendAndWaitAsync(from, new TransactionRequest { To = to, Value = 1, GasLimit = 21_000 }, null, CancellationToken.None);

        Assert.True(receipt.Succeeded);
    }

    [Fact]
    public async Task A_released_nonce_is_reused_before_new_ones()
    {
        using var from = TestKeys.Anvil(4);
        var nonces = new NonceManager(anvil.Eth);
        var first = await nonces.ReserveAsync(from.Address, CancellationToken.None);
        var second = await nonces.ReserveAsync(from.Address, CancellationToken.None);
        var third = await nonces.ReserveAsync(from.Address, CancellationToken.None);

        nonces.Release(from.Address, second);

        Assert.Equal(second, await nonces.ReserveAsync(from.Address, CancellationToken.None));
        Assert.Equal(third + 1, await nonces.ReserveAsync(from.Address, CancellationToken.None));
        Assert.Equal(first + 1, second);
    }

    [Fact]
    public async Task A_resync_never_hands_out_a_nonce_that_may_be_in_the_pool()
    {
        using var fresh = TestKeys.FromLabel("resync-floor-" + Guid.NewGuid().ToString("N"));
        var nonces = new NonceManager(anvil.Eth);
        var handedOut = new[]
        {
            await nonces.ReserveAsync(fresh.Address, CancellationToken.None),
            await nonces.ReserveAsync(fresh.Address, CancellationToken.None),
            await nonces.ReserveAsync(fresh.Address, CancellationToken.None),
        };

        // The node has seen none of them (pending count 0), yet they may still be on their way to its pool.
        nonces.Resync(fresh.Address);
        var next = await nonces.ReserveAsync(fresh.Address, CancellationToken.None);
        nonces.Release(fresh.Address, handedOut[1]);
        nonces.Resync(fresh.Address);
        var reused = await nonces.ReserveAsync(fresh.Address, CancellationToken.None);

        Assert.Equal([0UL, 1UL, 2UL], handedOut);
        Assert.Equal(3UL, next);
        Assert.Equal(1UL, reused);
    }

    [Fact]
    public async Task A_reverting_call_surfaces_as_the_named_contract_error()
    {
        var errors = new AbiErrorRegistry().Add(RevertingContract.NotCertified);
        var contract = await DeployRevertingAsync();

        var call = await Assert.ThrowsAsync<ContractRevertException>(() =>
            anvil.Sender.CallAsync(new CallRequest { To = contract, Data = new byte[] { 1, 2, 3, 4 } }, errors, null, CancellationToken.None));
        var estimate = await Assert.ThrowsAsync<ContractRevertException>(() =>
            anvil.Sender.EstimateGasAsync(TestKeys.AnvilAddresses[0], new TransactionRequest { To = contract }, errors, CancellationToken.None));

        Assert.Equal("BlobRegistryNotCertified", call.ErrorName);
        Assert.Equal(BlobId, call["blobId"]);
        Assert.Equal("BlobRegistryNotCertified", estimate.ErrorName);
    }

    [Fact]
    public async Task A_mined_transaction_that_reverted_is_explained_by_replaying_it()
    {
        var errors = new AbiErrorRegistry().Add(RevertingContract.NotCertified);
        var contract = await DeployRevertingAsync();
        using var from = TestKeys.Anvil(5);

        var error = await Assert.ThrowsAsync<ContractRevertException>(() =>
            anvil.Sender.SendAndWaitAsync(from, new TransactionRequest { To = contract, GasLimit = 100_000 }, errors, CancellationToken.None));

        Assert.Equal("BlobRegistryNotCertified", error.ErrorName);
    }

    [Fact]
    public async Task Waiting_for_an_unknown_transaction_times_out()
    {
        var sender = new TransactionSender(anvil.Eth, new TransactionSenderOptions
        {
            ReceiptPollInterval = TimeSpan.FromMilliseconds(10),
            ReceiptTimeout = TimeSpan.FromMilliseconds(200),
        });

        await Assert.ThrowsAsync<TimeoutException>(() => sender.WaitForReceiptAsync(Keccak256.HashUtf8("never sent"), CancellationToken.None));
    }

    [Fact]
    public async Task Fees_cover_the_base_fee_and_include_a_tip()
    {
        var fees = await anvil.Sender.Fees.GetFeesAsync(CancellationToken.None);
        var latest = await anvil.Eth.GetBlockHeaderAsync(BlockParameter.Latest, CancellationToken.None);

        Assert.True(fees.MaxPriorityFeePerGas > BigInteger.Zero);
        Assert.True(fees.MaxFeePerGas >= latest!.BaseFeePerGas!.Value + fees.MaxPriorityFeePerGas);
    }

    private async Task<Address> DeployRevertingAsync()
    {
        using var deployer = TestKeys.Anvil(0);
        var receipt = await anvil.Sender.SendAndWaitAsync(deployer,
            new TransactionRequest { Data = RevertingContract.InitCode(RevertingContract.NotCertified.Encode(BlobId)) }, null, CancellationToken.None);
        return receipt.ContractAddress!.Value;
    }
}
