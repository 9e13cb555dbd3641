using System.Collections.Concurrent;
using Walrus.Chain.Events;
using Walrus.Chain.Rpc;
using Walrus.Chain.Tests.Fakes;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Events;

/// <summary>The event stream through a scripted proxy in front of anvil that fails, refuses ranges, or hides the finalized tag.</summary>
[Collection(AnvilGroup.Name)]
public sealed class EventFollowerResilienceTests(AnvilFixture anvil)
{
    [Fact]
    public async Task The_stream_keeps_going_after_rpc_failures()
    {
        var (contract, start) = await DeployAsync();
        await EmitAsync(contract, 1, 2, 3);
        await using var proxy = new ScriptedRpcServer(anvil.Endpoint);
        var failures = 3;
        proxy.When("eth_getLogs", async call =>
            Interlocked.Decrement(ref failures) >= 0 ? ScriptedReply.Drop : ScriptedReply.Json(await call.ForwardAsync()));
        var follower = Follower(proxy.Endpoint, contract, start, useFinalized: false);

        var seen = await EmittingContract.TakeAsync(follower, 3);

        Assert.Equal([1, 2, 3], seen.Select(l => (int)l.Data[0]));
        Assert.True(follower.Restarts >= 3, $"restarts: {follower.Restarts}");
        Assert.NotNull(follower.LastError);
    }

    [Fact]
    public async Task A_block_range_the_provider_refuses_is_narrowed_until_it_is_accepted()
    {
        var (contract, start) = await DeployAsync();
        await EmitAsync(contract, 1, 2, 3, 4, 5);
        await anvil.MineAsync(20);
        await using var proxy = new ScriptedRpcServer(anvil.Endpoint);
        var served = new ConcurrentQueue<ulong>();
        var refused = 0;
        proxy.When("eth_getLogs", async call =>
        {
            var filter = call.Params[0];
            var width = Hex.DecodeQuantityUInt64(filter.GetProperty("toBlock").GetString()!) - Hex.DecodeQuantityUInt64(filter.GetProperty("fromBlock").GetString()!) + 1;
            if (width > 3)
            {
                Interlocked.Increment(ref refused);
                return call.Error(-32005, "query exceeds max block range 3");
            }

            served.Enqueue(width);
            return ScriptedReply.Json(await call.ForwardAsync());
        });
        var follower = Follower(proxy.Endpoint, contract, start, useFinalized: false);

        var seen = await EmittingContract.TakeAsync(follower, 5);

        Assert.Equal([1, 2, 3, 4, 5], seen.Select(l => (int)l.Data[0]));
        Assert.True(refused > 0);
        Assert.All(served, w => Assert.True(w <= 3));
        Assert.True(follower.BlockRange <= 3);
    }

    [Fact]
    public async Task With_the_finalized_tag_logs_wait_until_their_block_is_final()
    {
        var (contract, start) = await DeployAsync();
        await EmitAsync(contract, 4);
        var follower = new EventFollower(anvil.Eth, new InMemoryEventCursorStore(), new EventFollowerOptions
        {
            Addresses = [contract], StartBlock = start, ConfirmationDepth = 0, UseFinalizedTag = true, PollInterval = TimeSpan.FromMilliseconds(10),
        });

        // Anvil calls a block final 64 blocks behind the head.
        using var early = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmittingContract.TakeAsync(follower, 1, early.Token));
        await anvil.MineAsync(70);
        var seen = await EmittingContract.TakeAsync(follower, 1);

        Assert.Equal(4, seen[0].Data[0]);
    }

    [Fact]
    public async Task Without_a_finalized_tag_the_confirmation_depth_applies()
    {
        var (contract, start) = await DeployAsync();
        await EmitAsync(contract, 6);
        await using var proxy = new ScriptedRpcServer(anvil.Endpoint);
        proxy.When("eth_getBlockByNumber", async call =>
            call.Params[0].GetString() == "finalized" ? call.Error(-32602, "invalid block tag finalized") : ScriptedReply.Json(await call.ForwardAsync()));
        var follower = Follower(proxy.Endpoint, contract, start, useFinalized: true);

        var seen = await EmittingContract.TakeAsync(follower, 1);

        Assert.Equal(6, seen[0].Data[0]);
        Assert.Contains("eth_getBlockByNumber", proxy.Methods);
    }

    private static EventFollower Follower(Uri endpoint, Address contract, ulong start, bool useFinalized) =>
        new(new EthClient(new JsonRpcClient(new JsonRpcClientOptions { Endpoint = endpoint, MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(2) })),
            new InMemoryEventCursorStore(),
            new EventFollowerOptions
            {
                Addresses = [contract], Topics = [EmittingContract.Topic], StartBlock = start, ConfirmationDepth = 0, UseFinalizedTag = useFinalized,
                PollInterval = TimeSpan.FromMilliseconds(10), RestartBackoff = TimeSpan.FromMilliseconds(10), SaveEveryEvents = 1,
            });

    private async Task<(Address Contract, ulong StartBlock)> DeployAsync()
    {
        using var deployer = TestKeys.Anvil(8);
        return await EmittingContract.DeployAsync(anvil.Sender, deployer);
    }

    private async Task EmitAsync(Address contract, params int[] values)
    {
        using var key = TestKeys.Anvil(8);
        await EmittingContract.EmitAsync(anvil.Sender, key, contract, values);
    }
}
