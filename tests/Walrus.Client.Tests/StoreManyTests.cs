using Walrus.Chain.Generated;
using Walrus.Chain.Rpc;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary><see cref="WalrusClient.StoreManyAsync"/> on a real network: anvil, the contracts, four node processes.</summary>
public sealed class StoreManyTests(TestCluster cluster) : IClassFixture<TestCluster>
{
    [Fact]
    public async Task New_files_are_registered_in_one_transaction_and_each_is_certified_and_reads_back()
    {
        using var client = new WalrusClient(cluster.Chain, TestCluster.User());
        using var user = TestCluster.User();
        var blobs = Enumerable.Range(0, 3).Select(i =>
        {
            var bytes = new byte[10_000 + (i * 7_000)];
            new Random(40 + i).NextBytes(bytes);
            return bytes;
        }).ToList();
        var paths = new List<string>();
        try
        {
            foreach (var blob in blobs)
            {
                var path = Path.GetTempFileName();
                await File.WriteAllBytesAsync(path, blob);
                paths.Add(path);
            }

            var before = await cluster.Chain.Wal.BalanceOfAsync(user.Address);

            var stored = await client.StoreManyAsync(paths);

            Assert.Equal(3, stored.Count);
            Assert.All(stored, s => Assert.Equal(StoreOutcome.NewlyCreated, s.Outcome));
            Assert.Equal(before - stored.Aggregate(System.Numerics.BigInteger.Zero, (sum, s) => sum + s.Cost), await cluster.Chain.Wal.BalanceOfAsync(user.Address));
            var head = await cluster.Chain.Client.Eth.GetBlockNumberAsync(CancellationToken.None);
            var logs = await cluster.Chain.Client.Eth.GetLogsAsync(new LogFilter(cluster.Deployment.DeployBlock, head)
            {
                Addresses = [cluster.Deployment.BlobRegistry],
                Topics = [[BlobRegistryContract.Events.BlobRegistered.Topic0]],
            }, CancellationToken.None);
            var transactions = logs.Where(l => BlobRegistryContract.TryDecodeBlobRegistered(l, out var e) && stored.Any(s => s.ObjectId == e.ObjectId))
                .Select(l => l.TransactionHash).Distinct().ToList();
            Assert.Single(transactions);
            for (var i = 0; i < blobs.Count; i++)
            {
                Assert.NotNull((await cluster.Chain.GetBlobAsync(stored[i].ObjectId!.Value)).CertifiedEpoch);
                using var output = new MemoryStream();
                await client.ReadAsync(stored[i].BlobId, output);
                Assert.Equal(blobs[i], output.ToArray());
            }

            // Run again: every file is already certified, nothing is paid.
            var again = await client.StoreManyAsync(paths);
            Assert.All(again, s => Assert.Equal(StoreOutcome.AlreadyCertified, s.Outcome));
        }
        finally
        {
            paths.ForEach(File.Delete);
        }
    }
}
