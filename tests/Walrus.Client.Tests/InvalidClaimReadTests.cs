using Walrus.Chain;
using Walrus.Core;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>
/// One node answering 410 BLOB_INVALID for a good blob (not invalid on chain) cannot block reads: the claim alone is
/// not trusted, the node is named a liar and the blob comes from the others. Real network: anvil with the real
/// contracts and four storage nodes as processes.
/// </summary>
public sealed class InvalidClaimReadTests(TestCluster cluster) : IClassFixture<TestCluster>
{
    private WalrusClient NewClient(HttpClient? http = null) => new(cluster.Chain, TestCluster.User(), http);

    private async Task<(BlobId BlobId, byte[] Blob, string Liar)> StoreWithLiarAsync(int seed)
    {
        var blob = new byte[80_000];
        new Random(seed).NextBytes(blob);
        BlobId blobId;
        using (var writer = NewClient())
        {
            blobId = (await writer.StoreAsync(blob)).BlobId;
        }

        var committee = await cluster.Chain.GetCommitteeAsync((await cluster.Chain.GetEpochAsync()).Epoch);
        // The holder of sliver pair 0 serves a systematic sliver that every read asks for first.
        Assert.True(committee.TryGetHolder(ShardMapping.ShardForPair(blobId, new SliverPairIndex(0), committee.ShardCount), out var liar));
        return (blobId, blob, liar.NetworkAddress);
    }

    [Fact]
    public async Task A_node_claiming_a_good_blob_invalid_is_named_a_liar_and_the_read_returns_the_blob()
    {
        var (blobId, blob, liar) = await StoreWithLiarAsync(41);
        Assert.False(await cluster.Chain.BlobRegistry.IsInvalidAsync(blobId.ToHash256()));
        using var handler = new InvalidClaimHandler(liar);
        using var http = new HttpClient(handler);
        using var client = NewClient(http);
        using var output = new MemoryStream();

        var read = await client.ReadAsync(blobId, output);

        Assert.Equal(blob, output.ToArray());
        Assert.True(handler.Claims > 0, "the liar was never asked: nothing was tested");
        Assert.True(read.Liars.SequenceEqual([liar]), $"liars: [{string.Join(", ", read.Liars)}], expected {liar}");
    }

    [Fact]
    public async Task A_range_read_goes_on_past_a_node_claiming_the_blob_invalid()
    {
        var (blobId, blob, liar) = await StoreWithLiarAsync(42);
        using var handler = new InvalidClaimHandler(liar);
        using var http = new HttpClient(handler);
        using var client = NewClient(http);
        using var output = new MemoryStream();

        await client.ReadRangeAsync(blobId, 0, blob.Length, output);

        Assert.Equal(blob, output.ToArray());
        Assert.True(handler.Claims > 0, "the liar was never asked: nothing was tested");
    }
}
