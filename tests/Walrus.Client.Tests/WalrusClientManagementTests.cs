using System.Numerics;
using Walrus.Core.NodeApi;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>
/// Managing blobs and stake through the SDK against a real network (anvil, the real contracts, four storage nodes as
/// processes): list, extend, delete, burn, attributes, staking round trips, and the nodes' health.
/// </summary>
public sealed class WalrusClientManagementTests(TestCluster cluster) : IClassFixture<TestCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private WalrusClient NewClient() => new(cluster.Chain, TestCluster.User());

    private static byte[] RandomBlob(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private async Task<BigInteger> BalanceAsync()
    {
        using var user = TestCluster.User();
        return await cluster.Chain.Wal.BalanceOfAsync(user.Address);
    }

    [Fact]
    public async Task Listed_blobs_show_their_state_and_end_epoch_and_extend_moves_the_end_epoch_on_chain_for_the_quoted_cost()
    {
        using var client = NewClient();
        var first = await client.StoreAsync(RandomBlob(301, 5_000), new StoreOptions { Epochs = 2 });
        var second = await client.StoreAsync(RandomBlob(302, 9_000), new StoreOptions { Epochs = 3, Deletable = false });

        var listed = await client.ListBlobsAsync();
        var a = Assert.Single(listed, b => b.Blob.ObjectId == first.ObjectId);
        var b = Assert.Single(listed, b => b.Blob.ObjectId == second.ObjectId);
        Assert.Equal((OwnedBlobState.Certified, first.BlobId, first.EndEpoch, true), (a.State, a.Blob.BlobId, a.Blob.EndEpoch, a.Blob.Deletable));
        Assert.Equal((OwnedBlobState.Certified, second.BlobId, second.EndEpoch, false), (b.State, b.Blob.BlobId, b.Blob.EndEpoch, b.Blob.Deletable));

        var before = await BalanceAsync();
        var extension = await client.ExtendBlobAsync(first.ObjectId!.Value, 3);

        Assert.Equal(first.EndEpoch, extension.PreviousEndEpoch);
        Assert.Equal(first.EndEpoch.Value + 3, extension.EndEpoch.Value);
        Assert.Equal(extension.EndEpoch, (await cluster.Chain.GetBlobAsync(first.ObjectId.Value)).EndEpoch);
        Assert.True(extension.Cost > 0);
        Assert.Equal(before - extension.Cost, await BalanceAsync());
    }

    [Fact]
    public async Task Extend_above_the_maximum_cost_pays_nothing_and_says_so()
    {
        using var client = NewClient();
        var stored = await client.StoreAsync(RandomBlob(303, 2_000), new StoreOptions { Epochs = 2 });
        var id = stored.ObjectId!.Value;
        var before = await BalanceAsync();

        var e = await Assert.ThrowsAsync<WalrusClientException>(() => client.ExtendBlobAsync(id, 2, maxCost: 1));

        Assert.Contains("nothing was paid", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await BalanceAsync());
        Assert.Equal(stored.EndEpoch, (await cluster.Chain.GetBlobAsync(id)).EndEpoch);
    }

    [Fact]
    public async Task Deleting_a_blob_returns_its_storage_and_the_nodes_drop_its_data()
    {
        using var client = NewClient();
        var stored = await client.StoreAsync(RandomBlob(304, 4_000), new StoreOptions { Epochs = 2 });

        var deleted = Assert.Single(await client.DeleteBlobsAsync(stored.BlobId));

        Assert.Equal(stored.ObjectId, deleted.ObjectId);
        Assert.Contains(await cluster.Chain.GetOwnedStorageAsync(client.Address!.Value), s => s.TokenId == deleted.StorageTokenId);
        Assert.DoesNotContain(await client.ListBlobsAsync(includeExpired: true), b => b.Blob.ObjectId == stored.ObjectId);
        foreach (var node in cluster.Nodes)
        {
            await Poll.UntilAsync(async () =>
            {
                using var response = await node.Http.GetAsync(NodeApiRoutes.MetadataPath(stored.BlobId));
                return response.StatusCode == System.Net.HttpStatusCode.NotFound;
            }, Deadline, () => $"node {node.NodeId} still holds the deleted blob");
        }

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var output = new MemoryStream();
            await client.ReadAsync(stored.BlobId, output);
        });
    }

    [Fact]
    public async Task A_permanent_blob_cannot_be_deleted_but_can_be_burned()
    {
        using var client = NewClient();
        var stored = await client.StoreAsync(RandomBlob(305, 3_000), new StoreOptions { Epochs = 2, Deletable = false });

        var id = stored.ObjectId!.Value;
        var e = await Assert.ThrowsAsync<WalrusClientException>(() => client.DeleteBlobAsync(id));
        Assert.Contains("permanent", e.Message, StringComparison.Ordinal);

        await client.BurnBlobAsync(id);
        Assert.DoesNotContain(await client.ListBlobsAsync(includeExpired: true), b => b.Blob.ObjectId == stored.ObjectId);
        var gone = await Assert.ThrowsAsync<WalrusClientException>(() => client.BurnBlobAsync(id));
        Assert.Contains("does not exist", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attributes_are_set_read_and_removed_on_chain()
    {
        using var client = NewClient();
        var stored = await client.StoreAsync(RandomBlob(306, 1_000), new StoreOptions { Epochs = 1 });
        var id = stored.ObjectId!.Value;

        await client.SetBlobAttributesAsync(id, new Dictionary<string, string> { ["content-type"] = "image/png", ["owner"] = "ada" });
        Assert.Equal(new Dictionary<string, string> { ["content-type"] = "image/png", ["owner"] = "ada" }, await client.GetBlobAttributesAsync(id));

        Assert.Equal(["owner"], await client.RemoveBlobAttributesAsync(id, ["owner"]));
        Assert.Equal(new Dictionary<string, string> { ["content-type"] = "image/png" }, await client.GetBlobAttributesAsync(id));
        var missing = await Assert.ThrowsAsync<WalrusClientException>(() => client.RemoveBlobAttributesAsync(id, ["owner"]));
        Assert.Contains("no attribute 'owner'", missing.Message, StringComparison.Ordinal);

        await client.RemoveBlobAttributesAsync(id);
        Assert.Empty(await client.GetBlobAttributesAsync(id));
    }

    [Fact]
    public async Task Every_committee_node_answers_its_health_endpoint()
    {
        using var client = NewClient();

        var reports = await client.GetCommitteeHealthAsync();

        Assert.Equal(cluster.Nodes.Count, reports.Count);
        var (epoch, _) = await cluster.Chain.GetEpochAsync();
        Assert.All(reports, r => Assert.Equal(epoch.Value, Assert.IsType<NodeHealth>(r.Health).Epoch));
        Assert.Equal(cluster.Nodes.Select(n => n.NodeId).Order(), reports.Select(r => r.NodeId!.Value).Order());
        using var http = new HttpClient();
        var down = await WalrusClient.GetNodeHealthAsync(http, "127.0.0.1:1", TimeSpan.FromSeconds(5));
        Assert.False(down.Answered);
        Assert.NotNull(down.Error);
    }

    [Fact]
    public async Task Stake_not_yet_counted_is_paid_back_at_once_when_withdrawn()
    {
        using var client = NewClient();
        var node = await NodeWithMostShardsAsync();
        var before = await BalanceAsync();

        var position = await client.StakeAsync(node, 2 * WalrusClient.MinStake);
        Assert.Equal(StakeState.Pending, position.State);
        Assert.Contains(await client.ListStakedWalAsync(), p => p.TokenId == position.TokenId && p.Principal == 2 * WalrusClient.MinStake);
        Assert.Equal(before - (2 * WalrusClient.MinStake), await BalanceAsync());

        var answer = await client.RequestWithdrawStakeAsync(position.TokenId);

        Assert.Null(answer.WithdrawEpoch);
        Assert.Equal(2 * WalrusClient.MinStake, answer.PaidNow);
        Assert.Equal(before, await BalanceAsync());
        Assert.DoesNotContain(await client.ListStakedWalAsync(), p => p.TokenId == position.TokenId);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Active_stake_withdraws_from_the_epoch_the_contracts_name_and_pays_at_least_the_principal()
    {
        using var client = NewClient();
        var node = await NodeWithMostShardsAsync();
        var position = await client.StakeAsync(node, WalrusClient.MinStake);
        await cluster.AdvanceEpochAsync();
        Assert.Equal(StakeState.Active, Assert.Single(await client.ListStakedWalAsync(), p => p.TokenId == position.TokenId).State);

        var (epoch, _) = await cluster.Chain.GetEpochAsync();
        var answer = await client.RequestWithdrawStakeAsync(position.TokenId);
        Assert.Equal(epoch.Value + 1, answer.WithdrawEpoch!.Value.Value); // the node is in the current committee, the next one is not selected yet
        Assert.Equal(StakeState.Withdrawing, Assert.Single(await client.ListStakedWalAsync(), p => p.TokenId == position.TokenId).State);
        var early = await Assert.ThrowsAsync<WalrusClientException>(() => client.WithdrawStakeAsync(position.TokenId));
        Assert.Contains($"from epoch {epoch.Value + 1}", early.Message, StringComparison.Ordinal);

        await cluster.AdvanceEpochAsync();
        var before = await BalanceAsync();
        var paid = await client.WithdrawStakeAsync(position.TokenId);

        Assert.True(paid >= WalrusClient.MinStake);
        Assert.Equal(before + paid, await BalanceAsync());
        Assert.DoesNotContain(await client.ListStakedWalAsync(), p => p.TokenId == position.TokenId);
    }

    /// <summary>Extra stake on a node that already holds the most shards leaves the shard assignment as it is.</summary>
    private async Task<uint> NodeWithMostShardsAsync()
    {
        var (epoch, _) = await cluster.Chain.GetEpochAsync();
        var committee = await cluster.Chain.GetCommitteeAsync(epoch);
        return committee.Members.OrderByDescending(m => m.Weight).ThenBy(m => m.NodeId).First().NodeId;
    }
}
