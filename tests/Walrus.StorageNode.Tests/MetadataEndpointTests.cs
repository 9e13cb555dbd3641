using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Tests;

public sealed class MetadataEndpointTests : NodeApiTestBase
{
    [Fact]
    public async Task Metadata_of_an_unregistered_blob_is_refused_with_BLOB_NOT_REGISTERED()
    {
        using var blob = new TestBlob(1);
        using var response = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs);
        await TestNode.AssertErrorAsync(response, 404, NodeErrorReason.BlobNotRegistered);
    }

    [Fact]
    public async Task Metadata_is_stored_with_201_then_200_and_read_back_with_its_blob_id()
    {
        using var blob = new TestBlob(2);
        Node.Register(blob, 7);
        using (var first = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs))
        {
            Assert.Equal("metadata stored", await Node.SuccessDataAsync(first, 201, NodeApiJsonContext.Default.ApiSuccessBodyString));
        }

        using (var second = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs))
        {
            await Node.SuccessDataAsync(second, 200, NodeApiJsonContext.Default.ApiSuccessBodyString);
        }

        var bytes = await Node.Http.GetByteArrayAsync(NodeApiRoutes.MetadataPath(blob.BlobId));
        Assert.Equal(blob.Metadata.ToBcs(), bytes);
        using var status = await Node.Http.GetAsync(NodeApiRoutes.MetadataStatusPath(blob.BlobId));
        Assert.Equal(StoredOnNodeStatus.Stored, await Node.SuccessDataAsync(status, 200, NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus));
        Assert.Contains("\"data\":\"stored\"", await (await Node.Http.GetAsync(NodeApiRoutes.MetadataStatusPath(blob.BlobId))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_of_another_blob_is_INVALID_METADATA_and_garbage_is_MALFORMED_BODY()
    {
        using var blob = new TestBlob(3);
        using var other = new TestBlob(4);
        Node.Register(blob, 1);
        using (var wrong = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), other.MetadataBcs))
        {
            await TestNode.AssertErrorAsync(wrong, 400, NodeErrorReason.InvalidMetadata);
        }

        using (var garbage = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), [0, 1, 2, 3, 4, 5]))
        {
            await TestNode.AssertErrorAsync(garbage, 400, NodeErrorReason.MalformedBody);
        }

        using var status = await Node.Http.GetAsync(NodeApiRoutes.MetadataStatusPath(blob.BlobId));
        Assert.Equal(StoredOnNodeStatus.Nonexistent, await Node.SuccessDataAsync(status, 200, NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus));
    }

    [Fact]
    public async Task Oversize_metadata_body_is_PAYLOAD_TOO_LARGE_before_it_is_read()
    {
        using var blob = new TestBlob(5);
        Node.Register(blob, 1);
        using var response = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), new byte[NodeApiLimitsFor10() + 1]);
        await TestNode.AssertErrorAsync(response, 413, NodeErrorReason.PayloadTooLarge);
    }

    [Fact]
    public async Task Malformed_blob_ids_and_unknown_metadata_get_their_reasons()
    {
        using (var bad = await Node.Http.GetAsync("/v1/blobs/not-a-blob-id/metadata"))
        {
            await TestNode.AssertErrorAsync(bad, 400, NodeErrorReason.InvalidBlobId);
        }

        using var blob = new TestBlob(6);
        using (var missing = await Node.Http.GetAsync(NodeApiRoutes.MetadataPath(blob.BlobId)))
        {
            await TestNode.AssertErrorAsync(missing, 404, NodeErrorReason.MetadataNotFound);
        }

        using var unknown = await Node.Http.GetAsync("/v1/nothing-here");
        await TestNode.AssertErrorAsync(unknown, 404, NodeErrorReason.UnknownEndpoint);
    }

    [Fact]
    public async Task Pending_metadata_is_buffered_with_202_and_stored_when_the_registration_arrives()
    {
        using var blob = new TestBlob(7);
        using (var response = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId) + "?pending=true", blob.MetadataBcs))
        {
            await Node.SuccessDataAsync(response, 202, NodeApiJsonContext.Default.ApiSuccessBodyString);
        }

        var pair = blob.PairsOn(Node.OwnedShards).First();
        using (var sliver = await Node.PutAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, SliverType.Primary) + "?pending=true", blob.SliverBcs(pair, SliverType.Primary)))
        {
            await Node.SuccessDataAsync(sliver, 202, NodeApiJsonContext.Default.ApiSuccessBodyString);
        }

        using (var status = await Node.Http.GetAsync(NodeApiRoutes.MetadataStatusPath(blob.BlobId)))
        {
            Assert.Equal(StoredOnNodeStatus.Buffered, await Node.SuccessDataAsync(status, 200, NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus));
        }

        Assert.False(Node.Store.HasMetadata(blob.BlobId));
        Node.Register(blob, 9);
        Assert.True(Node.Store.HasMetadata(blob.BlobId));
        using var sliverStatus = await Node.Http.GetAsync(NodeApiRoutes.SliverStatusPath(blob.BlobId, pair, SliverType.Primary));
        Assert.Equal(StoredOnNodeStatus.Stored, await Node.SuccessDataAsync(sliverStatus, 200, NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus));
        Assert.Equal(0, Node.Service.Pending.Bytes);
    }

    private static long NodeApiLimitsFor10() => NodeApiLimits.MaxMetadataBody(Walrus.Core.Encoding.EncodingConfig.Create(TestNode.ShardCount));
}
