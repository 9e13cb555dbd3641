using Walrus.Chain.Events;
using Walrus.Chain.Rpc;
using Walrus.Chain.Transactions;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Events;

/// <summary>Reorganisations rewrite the chain, so these tests get an anvil of their own.</summary>
public sealed class EventFollowerReorgTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task A_reorganisation_rewinds_and_delivers_the_new_chain()
    {
        var (contract, start) = await DeployAsync();
        await EmitAsync(contract, 1, 2);
        var store = new InMemoryEventCursorStore();
        var before = await EmittingContract.TakeAsync(Follower(contract, start, store), 2);
        await anvil.MineAsync(2);
        await TakeUntilCaughtUpAsync(contract, start, store);

        // Replace the last three blocks (two empty ones and the block of log 2) with blocks holding other logs.
        using var key = TestKeys.Anvil(6);
        var nonce = await anvil.Eth.GetTransactionCountAsync(key.Address, BlockParameter.Latest, CancellationToken.None);
        var replacement = new Eip1559Transaction
        {
            ChainId = AnvilFixture.ChainId, Nonce = nonce, MaxFeePerGas = 100_000_000_000, MaxPriorityFeePerGas = 1_000_000_000,
            GasLimit = 100_000, To = contract, Data = new byte[] { 9 },
        }.Sign(key);
        await anvil.Rpc.CallAsync("anvil_reorg", w =>
        {
            w.WriteNumberValue(3);
            w.WriteStartArray();
            w.WriteStartArray();
            w.WriteStringValue(Hex.Encode(replacement.Raw));
            w.WriteNumberValue(0);
            w.WriteEndArray();
            w.WriteEndArray();
        }, CancellationToken.None);
        await anvil.MineAsync(1);

        var follower = Follower(contract, start, store);
        var after = await EmittingContract.TakeAsync(follower, 2);

        Assert.Equal([1, 2], before.Select(l => (int)l.Data[0]));
        // The stream first takes back log 2 (its block is gone), then delivers the new chain's log.
        Assert.True(after[0].Removed);
        Assert.Equal(before[1] with { Removed = true, Data = after[0].Data, Topics = after[0].Topics }, after[0]);
        Assert.Equal(2, after[0].Data[0]);
        Assert.False(after[1].Removed);
        Assert.Equal(9, after[1].Data[0]);
        Assert.Equal(1, follower.Rewinds);
    }

    private EventFollower Follower(Address contract, ulong start, IEventCursorStore store) =>
        new(anvil.Eth, store, new EventFollowerOptions
        {
            Addresses = [contract], Topics = [EmittingContract.Topic], StartBlock = start, ConfirmationDepth = 0, UseFinalizedTag = false,
            PollInterval = TimeSpan.FromMilliseconds(10), SaveEveryEvents = 1,
        });

    private async Task TakeUntilCaughtUpAsync(Address contract, ulong start, InMemoryEventCursorStore store)
    {
        var head = await anvil.Eth.GetBlockNumberAsync(CancellationToken.None);
        var follower = Follower(contract, start, store);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var drain = Task.Run(async () =>
        {
            await foreach (var _ in follower.FollowAsync(stop.Token))
            {
            }
        });
        while (!stop.IsCancellationRequested && ((await store.LoadAsync(CancellationToken.None))?.NextBlock ?? 0) <= head)
        {
            await Task.Delay(10);
        }

        Assert.False(stop.IsCancellationRequested, "The follower did not catch up.");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);
    }

    private async Task<(Address Contract, ulong StartBlock)> DeployAsync()
    {
        using var deployer = TestKeys.Anvil(7);
        return await EmittingContract.DeployAsync(anvil.Sender, deployer);
    }

    private async Task EmitAsync(Address contract, params int[] values)
    {
        using var key = TestKeys.Anvil(7);
        await EmittingContract.EmitAsync(anvil.Sender, key, contract, values);
    }
}
