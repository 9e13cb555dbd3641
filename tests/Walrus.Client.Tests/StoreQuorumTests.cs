using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>
/// A store returns once a quorum confirmed and the blob is certified; the uploads to the other nodes go on in the
/// background (<see cref="StoreResult.RemainingUploads"/>) within a bound. Real network: anvil, the contracts, four node
/// processes (10 shards); one node of at most f shards is held slow by the client's HTTP pipeline.
/// </summary>
public sealed class StoreQuorumTests(TestCluster cluster) : IClassFixture<TestCluster>
{
    private static byte[] RandomBlob(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private async Task<CommitteeMember> SmallestMemberAsync()
    {
        var committee = await cluster.Chain.GetCommitteeAsync((await cluster.Chain.GetEpochAsync()).Epoch);
        var slow = committee.Members.OrderBy(m => m.Weight).First();
        Assert.True(3 * slow.Weight <= committee.ShardCount, "the slow node must hold at most f shards");
        return slow;
    }

    [Fact]
    public async Task A_store_certifies_at_the_quorum_and_the_slow_node_gets_its_slivers_afterwards()
    {
        var slow = await SmallestMemberAsync();
        using var handler = new HoldingHandler(slow.NetworkAddress);
        using var http = new HttpClient(handler);
        using var client = new WalrusClient(cluster.Chain, TestCluster.User(), http);
        var blob = RandomBlob(21, 90_000);

        var stored = await client.StoreAsync(blob);

        Assert.True(stored.NewlyCreated);
        Assert.NotNull((await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).CertifiedEpoch);
        Assert.True(handler.Held > 0, "the slow node was never sent a sliver: nothing was tested");
        Assert.False(stored.RemainingUploads.IsCompleted, "the store waited for the slow node");

        handler.Release();
        var failures = await stored.RemainingUploads.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Empty(failures);
        using var checker = new WalrusClient(cluster.Chain);
        var node = checker.Node(slow.NetworkAddress);
        var committee = await checker.GetCommitteeAsync();
        foreach (var shard in slow.Shards)
        {
            var pair = ShardMapping.PairForShard(stored.BlobId, shard, committee.ShardCount);
            Assert.Equal(StoredOnNodeStatus.Stored, await node.GetSliverStatusAsync(stored.BlobId, pair, SliverType.Primary));
            Assert.Equal(StoredOnNodeStatus.Stored, await node.GetSliverStatusAsync(stored.BlobId, pair, SliverType.Secondary));
        }
    }

    [Fact]
    public async Task Uploads_still_unfinished_after_the_bound_are_stopped_and_named()
    {
        var slow = await SmallestMemberAsync();
        using var handler = new HoldingHandler(slow.NetworkAddress); // never released
        using var http = new HttpClient(handler);
        using var client = new WalrusClient(cluster.Chain, TestCluster.User(), http);

        var stored = await client.StoreAsync(RandomBlob(22, 50_000), new StoreOptions { RemainingUploadsTimeout = TimeSpan.FromSeconds(1) });

        Assert.NotNull((await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).CertifiedEpoch);
        var failures = await stored.RemainingUploads.WaitAsync(TimeSpan.FromMinutes(1));
        var failure = Assert.Single(failures);
        Assert.Contains(slow.NetworkAddress, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_few_confirmations_fail_the_store_with_a_typed_failure_and_nothing_certified()
    {
        var kept = await SmallestMemberAsync();
        // Every other node refuses slivers: the one left holds at most f shards, never a quorum.
        using var handler = new SliverRefusingHandler(kept.NetworkAddress);
        using var http = new HttpClient(handler);
        using var client = new WalrusClient(cluster.Chain, TestCluster.User(), http);
        var blob = RandomBlob(23, 20_000);

        var error = await Assert.ThrowsAsync<WalrusClientException>(() => client.StoreAsync(blob));

        Assert.Equal(WalrusClientFailure.InsufficientConfirmations, error.Failure);
        Assert.Contains("a quorum needs more", error.Message, StringComparison.Ordinal);
        var blobId = new Walrus.Core.Encoding.Rs2Encoder(Walrus.Core.Encoding.EncodingConfig.Create(TestCluster.Shards)).ComputeBlobId(blob);
        var (record, _) = Assert.Single(await client.FindBlobObjectsAsync(blobId));
        Assert.Null(record.CertifiedEpoch);
    }

    /// <summary>Answers 503 to sliver uploads to every node but one (a fake: real nodes cannot be made to refuse on cue).</summary>
    private sealed class SliverRefusingHandler(string keptAddress) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            return request.Method == HttpMethod.Put && uri.Authority != keptAddress && uri.AbsolutePath.Contains("/slivers", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { RequestMessage = request })
                : base.SendAsync(request, cancellationToken);
        }
    }
}
