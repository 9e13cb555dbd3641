using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Tests;

public sealed class SliverEndpointTests : NodeApiTestBase
{
    private async Task<TestBlob> RegisteredWithMetadataAsync(int seed)
    {
        var blob = new TestBlob(seed);
        Node.Register(blob, seed);
        using var response = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs);
        Assert.Equal(201, (int)response.StatusCode);
        return blob;
    }

    [Fact]
    public async Task Owned_slivers_are_stored_verified_and_served_byte_for_byte()
    {
        using var blob = await RegisteredWithMetadataAsync(11);
        foreach (var pair in blob.PairsOn(Node.OwnedShards))
        {
            foreach (var type in new[] { SliverType.Primary, SliverType.Secondary })
            {
                var path = NodeApiRoutes.SliverPath(blob.BlobId, pair, type);
                using (var put = await Node.PutAsync(path, blob.SliverBcs(pair, type)))
                {
                    await Node.SuccessDataAsync(put, 201, NodeApiJsonContext.Default.ApiSuccessBodyString);
                }

                using (var again = await Node.PutAsync(path, blob.SliverBcs(pair, type)))
                {
                    await Node.SuccessDataAsync(again, 200, NodeApiJsonContext.Default.ApiSuccessBodyString);
                }

                Assert.Equal(blob.SliverBcs(pair, type), await Node.Http.GetByteArrayAsync(path));
                using var status = await Node.Http.GetAsync(NodeApiRoutes.SliverStatusPath(blob.BlobId, pair, type));
                Assert.Equal(StoredOnNodeStatus.Stored, await Node.SuccessDataAsync(status, 200, NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus));
            }
        }
    }

    [Fact]
    public async Task A_sliver_of_an_unowned_shard_is_SHARD_NOT_ASSIGNED()
    {
        using var blob = await RegisteredWithMetadataAsync(12);
        var foreign = blob.PairsOn(TestNode.Members[1].Shards.Select(s => new ShardIndex(s))).First();
        using var put = await Node.PutAsync(NodeApiRoutes.SliverPath(blob.BlobId, foreign, SliverType.Primary), blob.SliverBcs(foreign, SliverType.Primary));
        await TestNode.AssertErrorAsync(put, 421, NodeErrorReason.ShardNotAssigned);
        using var get = await Node.Http.GetAsync(NodeApiRoutes.SliverPath(blob.BlobId, foreign, SliverType.Primary));
        await TestNode.AssertErrorAsync(get, 421, NodeErrorReason.ShardNotAssigned);
    }

    [Fact]
    public async Task Slivers_that_do_not_match_the_metadata_are_INVALID_SLIVER()
    {
        using var blob = await RegisteredWithMetadataAsync(13);
        var pairs = blob.PairsOn(Node.OwnedShards).ToList();
        // Another pair's sliver under this pair's path: the index does not match.
        using (var swapped = await Node.PutAsync(NodeApiRoutes.SliverPath(blob.BlobId, pairs[0], SliverType.Primary), blob.SliverBcs(pairs[1], SliverType.Primary)))
        {
            await TestNode.AssertErrorAsync(swapped, 400, NodeErrorReason.InvalidSliver);
        }

        // One flipped byte: the Merkle root does not match.
        var corrupted = blob.SliverBcs(pairs[0], SliverType.Secondary);
        corrupted[3] ^= 0x5A;
        using (var flipped = await Node.PutAsync(NodeApiRoutes.SliverPath(blob.BlobId, pairs[0], SliverType.Secondary), corrupted))
        {
            var error = await TestNode.AssertErrorAsync(flipped, 400, NodeErrorReason.InvalidSliver);
            Assert.Contains("MerkleRootMismatch", error.Message, StringComparison.Ordinal);
        }

        // The right index but a sliver of the wrong size: cut one symbol out and fix the BCS length.
        var sliver = blob.Sliver(pairs[0], SliverType.Primary);
        var shorter = new Walrus.Core.Encoding.SliverData(SliverType.Primary, sliver.Index, sliver.SymbolSize, sliver.Symbols[sliver.SymbolSize..]);
        using (var wrongSize = await Node.PutAsync(NodeApiRoutes.SliverPath(blob.BlobId, pairs[0], SliverType.Primary), shorter.ToBcs()))
        {
            var error = await TestNode.AssertErrorAsync(wrongSize, 400, NodeErrorReason.InvalidSliver);
            Assert.Contains("SliverSizeMismatch", error.Message, StringComparison.Ordinal);
        }

        Assert.False(Node.Store.HasSliver(Node.OwnedShards[0], blob.BlobId, SliverType.Primary));
    }

    [Fact]
    public async Task Malformed_oversize_and_out_of_range_requests_get_4xx_reasons()
    {
        using var blob = await RegisteredWithMetadataAsync(14);
        var pair = blob.PairsOn(Node.OwnedShards).First();
        var path = NodeApiRoutes.SliverPath(blob.BlobId, pair, SliverType.Primary);
        using (var malformed = await Node.PutAsync(path, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]))
        {
            await TestNode.AssertErrorAsync(malformed, 400, NodeErrorReason.MalformedBody);
        }

        var exact = blob.SliverBcs(pair, SliverType.Primary).Length;
        using (var oversize = await Node.PutAsync(path, new byte[exact + 64]))
        {
            await TestNode.AssertErrorAsync(oversize, 413, NodeErrorReason.PayloadTooLarge);
        }

        using (var chunked = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StreamContent(new NonSeekableStream(new byte[exact + 4096])) })
        using (var response = await Node.Http.SendAsync(chunked))
        {
            await TestNode.AssertErrorAsync(response, 413, NodeErrorReason.PayloadTooLarge);
        }

        using (var outOfRange = await Node.PutAsync($"/v1/blobs/{blob.BlobId}/slivers/{TestNode.ShardCount}/primary", blob.SliverBcs(pair, SliverType.Primary)))
        {
            await TestNode.AssertErrorAsync(outOfRange, 400, NodeErrorReason.IndexOutOfRange);
        }

        using (var huge = await Node.Http.GetAsync($"/v1/blobs/{blob.BlobId}/slivers/99999999999/primary"))
        {
            await TestNode.AssertErrorAsync(huge, 400, NodeErrorReason.IndexOutOfRange);
        }

        using (var badType = await Node.Http.GetAsync($"/v1/blobs/{blob.BlobId}/slivers/0/tertiary"))
        {
            await TestNode.AssertErrorAsync(badType, 400, NodeErrorReason.MalformedRequest);
        }

        using (var missing = await Node.Http.GetAsync(path))
        {
            await TestNode.AssertErrorAsync(missing, 404, NodeErrorReason.SliverNotFound);
        }

        using var unknown = new TestBlob(15);
        using var unregistered = await Node.PutAsync(NodeApiRoutes.SliverPath(unknown.BlobId, pair, SliverType.Primary), unknown.SliverBcs(pair, SliverType.Primary));
        await TestNode.AssertErrorAsync(unregistered, 404, NodeErrorReason.BlobNotRegistered);
    }

    [Fact]
    public async Task A_sliver_before_its_metadata_is_METADATA_NOT_FOUND()
    {
        using var blob = new TestBlob(16);
        Node.Register(blob, 16);
        var pair = blob.PairsOn(Node.OwnedShards).First();
        using var response = await Node.PutAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, SliverType.Primary), blob.SliverBcs(pair, SliverType.Primary));
        await TestNode.AssertErrorAsync(response, 404, NodeErrorReason.MetadataNotFound);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
