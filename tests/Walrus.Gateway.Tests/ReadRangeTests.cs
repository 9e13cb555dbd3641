using Walrus.Client;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Gateway.Tests;

/// <summary><see cref="WalrusClient.ReadRangeAsync(BlobMetadataWithId, long, long, Stream, ReadOptions?, CancellationToken)"/> against the real network.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class ReadRangeTests(GatewayCluster gateway)
{
    private const int Size = 200_000;

    private static readonly byte[] Blob = GatewayCluster.RandomBlob(301, Size);

    private static BlobId? s_blobId;

    private async Task<BlobId> StoredAsync()
    {
        if (s_blobId is { } known)
        {
            return known;
        }

        var stored = await gateway.Client.StoreAsync(Blob, new StoreOptions { Epochs = 2 });
        // The store returns at the quorum, and an earlier test of this collection may have just restarted a node: the
        // counts below assume every systematic sliver is on its node, so wait until it is.
        await stored.RemainingUploads;
        var metadata = await gateway.Client.ReadMetadataAsync(stored.BlobId);
        var committee = await gateway.Client.GetCommitteeAsync();
        var rows = (int)((Size + RowBytes(metadata) - 1) / RowBytes(metadata));
        for (var row = 0; row < rows; row++)
        {
            var pair = new SliverPairIndex((ushort)row);
            Assert.True(committee.TryGetHolder(ShardMapping.ShardForPair(stored.BlobId, pair, committee.ShardCount), out var holder));
            var node = gateway.Client.Node(holder.NetworkAddress);
            await Walrus.TestKit.Cluster.Poll.UntilAsync(
                async () => await node.GetSliverStatusAsync(stored.BlobId, pair, SliverType.Primary) == Walrus.Core.NodeApi.StoredOnNodeStatus.Stored,
                TimeSpan.FromMinutes(2),
                () => $"node {holder.NetworkAddress} never held systematic sliver {row}");
        }

        s_blobId = stored.BlobId;
        return s_blobId.Value;
    }

    private static long RowBytes(BlobMetadataWithId metadata)
    {
        var config = EncodingConfig.Create(metadata.Metadata.ShardCount);
        return (long)config.SecondarySourceSymbols * config.GetSymbolSize((long)metadata.Metadata.UnencodedLength);
    }

    [Fact]
    public async Task A_range_inside_one_row_fetches_one_sliver()
    {
        var blobId = await StoredAsync();
        var metadata = await gateway.Client.ReadMetadataAsync(blobId);
        var row = RowBytes(metadata);
        using var output = new MemoryStream();

        var result = await gateway.Client.ReadRangeAsync(metadata, row + 3, 100, output);

        Assert.Equal(Blob.AsSpan((int)row + 3, 100).ToArray(), output.ToArray());
        Assert.Equal(1, result.SliversFetched);
        Assert.False(result.FullDecode);
    }

    [Fact]
    public async Task The_whole_blob_reads_from_the_systematic_slivers_alone()
    {
        var blobId = await StoredAsync();
        var metadata = await gateway.Client.ReadMetadataAsync(blobId);
        using var output = new MemoryStream();

        var result = await gateway.Client.ReadRangeAsync(metadata, 0, Size, output);

        Assert.Equal(Blob, output.ToArray());
        Assert.Equal((int)((Size + RowBytes(metadata) - 1) / RowBytes(metadata)), result.SliversFetched);
        Assert.False(result.FullDecode);
    }

    [Fact]
    public async Task A_lying_node_makes_the_read_fall_back_to_a_full_decode_with_the_right_bytes()
    {
        var blobId = await StoredAsync();
        var committee = await gateway.Client.GetCommitteeAsync();
        Assert.True(committee.TryGetHolder(ShardMapping.ShardForPair(blobId, new SliverPairIndex(0), committee.ShardCount), out var liar));
        using var handler = new LyingNodeHandler(new Uri("http://" + liar.NetworkAddress).Authority);
        using var http = new HttpClient(handler);
        using var client = new WalrusClient(gateway.Cluster.Chain, null, http);
        using var output = new MemoryStream();

        var result = await client.ReadRangeAsync(blobId, 0, Size, output);

        Assert.Equal(Blob, output.ToArray());
        Assert.True(result.FullDecode);
        Assert.True(handler.Spoiled > 0);
    }

    [Fact]
    public async Task A_range_outside_the_blob_is_refused()
    {
        var blobId = await StoredAsync();
        var metadata = await gateway.Client.ReadMetadataAsync(blobId);
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => gateway.Client.ReadRangeAsync(metadata, Size - 1, 2, output));
    }
}
