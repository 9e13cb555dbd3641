using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>
/// A store whose confirmations come after an epoch change: the nodes sign for the new epoch, and the chain takes only a
/// certificate of the current epoch, so the client follows the change (new committee, only missing slivers re-sent, new
/// confirmations) and certifies the same paid registration. Real network: anvil with the real contracts and four
/// storage nodes as processes.
/// </summary>
public sealed class EpochChangeStoreTests(TestCluster cluster) : IClassFixture<TestCluster>
{
    [Fact]
    public async Task A_store_spanning_an_epoch_change_certifies_in_the_new_epoch_and_pays_once()
    {
        using var gate = new ConfirmationGateHandler();
        using var http = new HttpClient(gate);
        using var client = new WalrusClient(cluster.Chain, TestCluster.User(), http);
        using var user = TestCluster.User();
        var blob = new byte[200_000];
        new Random(77).NextBytes(blob);
        var (epochBefore, _) = await cluster.Chain.GetEpochAsync();
        var members = (await cluster.Chain.GetCommitteeAsync(epochBefore)).Members.Count;
        var before = await cluster.Chain.Wal.BalanceOfAsync(user.Address);

        var store = client.StoreAsync(blob, new StoreOptions { Epochs = 3 });
        // Every node has its slivers and is asked for its confirmation: move the epoch before any answer.
        await Poll.UntilAsync(() => Task.FromResult(gate.Held >= members || store.IsCompleted), TimeSpan.FromMinutes(2), () => $"held {gate.Held} of {members}\n{cluster.Logs()}");
        Assert.False(store.IsCompleted, store.Exception?.ToString());
        await cluster.AdvanceEpochAsync();
        gate.Release();
        var stored = await store;

        Assert.Equal(StoreOutcome.NewlyCreated, stored.Outcome);
        Assert.NotNull(stored.ObjectId);
        var record = await cluster.Chain.GetBlobAsync(stored.ObjectId.Value);
        Assert.Equal(epochBefore.Value + 1, record.CertifiedEpoch?.Value);
        Assert.True(stored.Cost > 0);
        Assert.Equal(before - stored.Cost, await cluster.Chain.Wal.BalanceOfAsync(user.Address));
        using var output = new MemoryStream();
        await client.ReadAsync(stored.BlobId, output);
        Assert.Equal(blob, output.ToArray());
    }

    [Fact]
    public async Task A_certificate_built_for_the_old_epoch_is_rebuilt_for_the_new_one_without_paying_again()
    {
        using var client = new WalrusClient(cluster.Chain, TestCluster.User());
        using var user = TestCluster.User();
        var blob = new byte[120_000];
        new Random(78).NextBytes(blob);
        var (epochBefore, _) = await cluster.Chain.GetEpochAsync();
        var before = await cluster.Chain.Wal.BalanceOfAsync(user.Address);
        // The quorum of old-epoch confirmations is in; the epoch moves before the certificate reaches the chain.
        var mover = new EpochMoverAtCertify(cluster);

        var stored = await client.StoreAsync(blob, new StoreOptions { Epochs = 3 }, mover);

        Assert.Equal(1, mover.Moves);
        var record = await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value);
        Assert.True(record.CertifiedEpoch?.Value > epochBefore.Value, $"certified in {record.CertifiedEpoch}, started in {epochBefore}");
        Assert.True(stored.Cost > 0);
        Assert.Equal(before - stored.Cost, await cluster.Chain.Wal.BalanceOfAsync(user.Address));
        using var output = new MemoryStream();
        await client.ReadAsync(stored.BlobId, output);
        Assert.Equal(blob, output.ToArray());
    }

    /// <summary>
    /// Moves the epoch the first time the store reports "certifying" (progress is reported synchronously on the store's
    /// path, so the store waits for the move: the only way to put an epoch change exactly between quorum and certify).
    /// </summary>
    private sealed class EpochMoverAtCertify(TestCluster cluster) : IProgress<StoreProgress>
    {
        private int _moves;

        public int Moves => Volatile.Read(ref _moves);

        public void Report(StoreProgress value)
        {
            if (value.Stage == "certifying" && Interlocked.CompareExchange(ref _moves, 1, 0) == 0)
            {
                Task.Run(cluster.AdvanceEpochAsync).GetAwaiter().GetResult();
            }
        }
    }
}
