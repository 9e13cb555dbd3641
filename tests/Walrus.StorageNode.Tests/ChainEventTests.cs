using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Tests;

/// <summary>Chain events through the node's handlers, observed through the API and the store.</summary>
public sealed class ChainEventTests : NodeApiTestBase
{
    [Fact]
    public async Task A_deleted_blob_loses_its_data_and_reads_404()
    {
        using var blob = new TestBlob(51);
        Node.Register(blob, 51, deletable: true);
        await Node.StoreAllAsync(blob);
        var pair = blob.PairsOn(Node.OwnedShards).First();
        Assert.Equal(200, (int)(await Node.Http.GetAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, SliverType.Primary))).StatusCode);
        Node.Service.ApplyDeleted(blob.BlobId, 51, Node.NextEvent());
        using (var sliver = await Node.Http.GetAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, SliverType.Primary)))
        {
            await TestNode.AssertErrorAsync(sliver, 404, NodeErrorReason.SliverNotFound);
        }

        Assert.False(Node.Store.HasMetadata(blob.BlobId));
        foreach (var shard in Node.OwnedShards)
        {
            Assert.Empty(Node.Store.ScanShard(shard));
        }

        using var status = await Node.Http.GetAsync(NodeApiRoutes.BlobStatusPath(blob.BlobId));
        Assert.Equal(BlobStatusKind.Nonexistent, (await Node.SuccessDataAsync(status, 200, NodeApiJsonContext.Default.ApiSuccessBodyBlobStatus)).Kind);
    }

    [Fact]
    public async Task Data_of_a_blob_past_its_end_epoch_is_dropped_at_the_boundary()
    {
        using var expiring = new TestBlob(52);
        using var lasting = new TestBlob(53);
        Node.Register(expiring, 52, endEpoch: 2);
        Node.Register(lasting, 53, endEpoch: 3);
        await Node.StoreAllAsync(expiring);
        await Node.StoreAllAsync(lasting);
        Node.Service.ApplyCommittee(new CommitteeView(2, TestNode.ShardCount, 1, TestNode.Members));
        Assert.False(Node.Store.HasMetadata(expiring.BlobId));
        Assert.True(Node.Store.HasMetadata(lasting.BlobId));
        Assert.True(Node.Service.IsFullyStored(lasting.BlobId, Node.Service.Committee!));
        using var put = await Node.PutAsync(NodeApiRoutes.MetadataPath(expiring.BlobId), expiring.MetadataBcs);
        await TestNode.AssertErrorAsync(put, 404, NodeErrorReason.BlobNotRegistered);
        // The confirmation of the lasting blob now carries the new epoch.
        using var confirmation = await Node.Http.GetAsync(NodeApiRoutes.PermanentConfirmationPath(lasting.BlobId));
        var signed = (await Node.SuccessDataAsync(confirmation, 200, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation)).Signed;
        Assert.True(ConfirmationMessage.TryParse(signed.SerializedMessage, out var message));
        Assert.Equal(2u, message.Epoch);
    }

    [Fact]
    public async Task An_invalid_blob_is_dropped_and_refused_with_BLOB_INVALID()
    {
        using var blob = new TestBlob(54);
        Node.Register(blob, 54);
        await Node.StoreAllAsync(blob);
        Node.Service.ApplyInvalid(blob.BlobId, TestNode.Epoch, Node.NextEvent());
        Assert.False(Node.Store.HasMetadata(blob.BlobId));
        using (var put = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs))
        {
            await TestNode.AssertErrorAsync(put, 410, NodeErrorReason.BlobInvalid);
        }

        using var status = await Node.Http.GetAsync(NodeApiRoutes.BlobStatusPath(blob.BlobId));
        Assert.Contains("\"invalid\":{\"event\":{\"txDigest\"", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certifying_a_blob_the_node_lacks_queues_it_for_recovery_and_repeated_events_count_once()
    {
        using var blob = new TestBlob(55);
        Node.Register(blob, 55);
        Node.Register(blob, 55);
        Node.Service.ApplyCertified(blob.BlobId, 55, TestNode.Epoch, 5, false, false, Node.NextEvent());
        Node.Service.ApplyCertified(blob.BlobId, 55, TestNode.Epoch, 5, false, false, Node.NextEvent());
        Assert.Equal([blob.BlobId], Node.Store.RecoveryQueue(10));
        var record = Node.Store.GetBlob(blob.BlobId)!;
        Assert.Equal(1u, record.PermanentTotal);
        Assert.Equal(1u, record.PermanentCertified);
        await Task.CompletedTask;
    }
}
