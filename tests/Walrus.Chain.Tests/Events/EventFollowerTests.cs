using Walrus.Chain.Events;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Events;

[Collection(AnvilGroup.Name)]
public sealed class EventFollowerTests(AnvilFixture anvil) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("walrus-cursor-").FullName;

    [Fact]
    public async Task Logs_arrive_in_chain_order_from_the_start_block()
    {
        var (contract, start) = await DeployAsync();
        await EmitAsync(contract, 1, 2, 3, 4, 5);

        var seen = await EmittingContract.TakeAsync(Follower(contract, start, new InMemoryEventCursorStore()), 5);

        Assert.Equal([1, 2, 3, 4, 5], seen.Select(l => (int)l.Data[0]));
        Assert.All(seen, l => Assert.Equal(EmittingContract.Topic, l.Topics[0]));
    }

    [Fact]
    public async Task A_restarted_follower_resumes_from_its_saved_cursor()
    {
        var (contract, start) = await DeployAsync();
        await EmitAsync(contract, 1, 2, 3, 4, 5);
        var store = new FileEventCursorStore(Path.Combine(_directory, "cursor.json"));

        var first = await EmittingContract.TakeAsync(Follower(contract, start, store), 3);
        var resumed = await EmittingContract.TakeAsync(Follower(contract, start, new FileEventCursorStore(Path.Combine(_directory, "cursor.json"))), 3);

        Assert.Equal([1, 2, 3], first.Select(l => (int)l.Data[0]));
        // Log 3 was delivered but not acknowledged (the consumer stopped before asking for the next): at least once.
        Assert.Equal([3, 4, 5], resumed.Select(l => (int)l.Data[0]));
    }

    [Fact]
    public async Task Blocks_within_the_confirmation_depth_are_not_read_yet()
    {
        var (contract, start) = await DeployAsync();
        await EmitAsync(contract, 7);
        var follower = new EventFollower(anvil.Eth, new InMemoryEventCursorStore(), new EventFollowerOptions
        {
            Addresses = [contract], StartBlock = start, ConfirmationDepth = 3, UseFinalizedTag = false, PollInterval = TimeSpan.FromMilliseconds(10),
        });

        using var early = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmittingContract.TakeAsync(follower, 1, early.Token));
        await anvil.MineAsync(3);
        var seen = await EmittingContract.TakeAsync(follower, 1);

        Assert.Equal(7, seen[0].Data[0]);
    }

    [Fact]
    public async Task Wake_makes_a_follower_look_at_the_chain_before_its_poll_interval_is_over()
    {
        var (contract, start) = await DeployAsync();
        await EmitAsync(contract, 1);
        var follower = new EventFollower(anvil.Eth, new InMemoryEventCursorStore(), new EventFollowerOptions
        {
            Addresses = [contract], Topics = [EmittingContract.Topic], StartBlock = start, ConfirmationDepth = 0, UseFinalizedTag = false,
            PollInterval = TimeSpan.FromHours(1),
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = System.Threading.Channels.Channel.CreateUnbounded<int>();
        var consumer = Task.Run(async () =>
        {
            await foreach (var log in follower.FollowAsync(stop.Token))
            {
                seen.Writer.TryWrite(log.Data[0]);
            }
        });

        Assert.Equal(1, await seen.Reader.ReadAsync(stop.Token));

        // Let the follower reach its hour-long wait; without the wake the next log would come an hour later.
        await Task.Delay(500);
        await EmitAsync(contract, 2);
        follower.Wake();
        using var soon = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        soon.CancelAfter(TimeSpan.FromSeconds(20));
        Assert.Equal(2, await seen.Reader.ReadAsync(soon.Token));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => consumer);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

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
