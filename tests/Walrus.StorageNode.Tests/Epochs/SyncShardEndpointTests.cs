using System.Net.Http.Headers;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Epochs;
using Walrus.StorageNode.Node;
using Walrus.TestKit;

namespace Walrus.StorageNode.Tests.Epochs;

/// <summary>
/// <c>POST /v1/migrate/sync_shard</c> on a real Kestrel and RocksDB: node 1 held shards 0-4 in epoch 1 and hands them to
/// node 2 in epoch 2 (node 2 owns every shard then); only node 2's signature opens them.
/// </summary>
public sealed class SyncShardEndpointTests : NodeApiTestBase
{
    private const uint NewEpoch = 2;

    private static readonly IReadOnlyList<CommitteeMemberInfo> NewMembers =
    [
        new(2, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], TestNode.SigningKey(2).Address.ToString(), "127.0.0.1:2"),
    ];

    private async Task<List<TestBlob>> HandOverAsync(int count)
    {
        var blobs = new List<TestBlob>();
        for (var i = 0; i < count; i++)
        {
            var blob = new TestBlob(400 + i, size: 4000);
            Node.Register(blob, 700 + i);
            await Node.StoreAllAsync(blob);
            Node.Service.ApplyCertified(blob.BlobId, 700 + i, TestNode.Epoch, 5, false, false, Node.NextEvent());
            blobs.Add(blob);
        }

        Node.Service.ApplyCommittee(new CommitteeView(NewEpoch, TestNode.ShardCount, 1, NewMembers));
        Node.Service.SetLockedShards([.. Enumerable.Range(0, 5).Select(s => new ShardIndex((ushort)s))]);
        return blobs;
    }

    private static byte[] Request(uint signerNode, SyncShardMessage message)
    {
        using var signer = new NodeSigner(TestNode.SigningKey(signerNode), AnvilFixture.ChainId, TestNode.Registry);
        var (serialized, signature) = signer.Sign(message);
        return SyncShardWire.EncodeRequest(serialized, signature);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await Node.Http.PostAsync(SyncShardRoutes.SyncShard, content);
    }

    [Fact]
    public async Task The_new_owner_receives_the_locked_shards_slivers_in_blob_id_order_page_by_page()
    {
        var blobs = await HandOverAsync(3);
        var shard = new ShardIndex(2);
        var config = EncodingConfig.Create(TestNode.ShardCount);
        using var signer = new NodeSigner(TestNode.SigningKey(2), AnvilFixture.ChainId, TestNode.Registry);
        var client = new ShardSyncClient(Node.Http, signer);
        var received = new List<(BlobId, SliverData)>();
        BlobId? cursor = BlobIdOrder.First;
        var pages = 0;
        while (cursor is { } start)
        {
            var page = await client.GetPageAsync(Node.Server.BaseAddress.ToString(), NewEpoch, shard, SliverType.Secondary, start, 2, 1 << 20, config, CancellationToken.None);
            pages++;
            received.AddRange(page);
            cursor = page.Count == 0 ? null : BlobIdOrder.Next(page[^1].BlobId);
        }

        Assert.Equal(3, pages);
        var expected = blobs.OrderBy(b => b.BlobId, Comparer<BlobId>.Create(BlobIdOrder.Compare)).ToList();
        Assert.Equal(expected.Select(b => b.BlobId), received.Select(r => r.Item1));
        foreach (var (blob, (_, sliver)) in expected.Zip(received))
        {
            var pair = ShardMapping.PairForShard(blob.BlobId, shard, TestNode.ShardCount);
            Assert.Equal(blob.SliverBcs(pair, SliverType.Secondary), sliver.ToBcs());
        }
    }

    [Fact]
    public async Task A_request_signed_by_any_other_node_is_refused_with_403()
    {
        await HandOverAsync(1);
        using var response = await PostAsync(Request(3, new SyncShardMessage(NewEpoch, new ShardIndex(1), SliverType.Primary, BlobIdOrder.First, 10)));
        await TestNode.AssertErrorAsync(response, 403, SyncShardRoutes.NotShardOwner);
    }

    [Fact]
    public async Task Bad_requests_get_4xx_with_a_reason()
    {
        await HandOverAsync(1);
        using (var response = await PostAsync(Request(2, new SyncShardMessage(NewEpoch, new ShardIndex(1), SliverType.Primary, BlobIdOrder.First, 0))))
        {
            await TestNode.AssertErrorAsync(response, 400, NodeErrorReason.MalformedRequest);
        }

        using (var response = await PostAsync(Request(2, new SyncShardMessage(NewEpoch, new ShardIndex(1), SliverType.Primary, BlobIdOrder.First, 1_000_000))))
        {
            await TestNode.AssertErrorAsync(response, 400, NodeErrorReason.MalformedRequest);
        }

        using (var response = await PostAsync(Request(2, new SyncShardMessage(NewEpoch, new ShardIndex(10), SliverType.Primary, BlobIdOrder.First, 5))))
        {
            await TestNode.AssertErrorAsync(response, 400, NodeErrorReason.IndexOutOfRange);
        }

        using (var response = await PostAsync(Request(2, new SyncShardMessage(NewEpoch + 1, new ShardIndex(1), SliverType.Primary, BlobIdOrder.First, 5))))
        {
            await TestNode.AssertErrorAsync(response, 409, SyncShardRoutes.WrongEpoch);
        }

        using (var response = await PostAsync(Request(2, new SyncShardMessage(NewEpoch, new ShardIndex(7), SliverType.Primary, BlobIdOrder.First, 5))))
        {
            await TestNode.AssertErrorAsync(response, 404, SyncShardRoutes.ShardNotHeld);
        }

        using (var response = await PostAsync([1, 2, 3]))
        {
            await TestNode.AssertErrorAsync(response, 400, NodeErrorReason.MalformedBody);
        }

        using (var response = await PostAsync(new byte[SyncShardWire.MaxRequestBody + 1]))
        {
            await TestNode.AssertErrorAsync(response, 413, NodeErrorReason.PayloadTooLarge);
        }
    }

    [Fact]
    public async Task A_locked_shard_is_still_served_to_readers()
    {
        var blob = (await HandOverAsync(1))[0];
        var pair = ShardMapping.PairForShard(blob.BlobId, new ShardIndex(3), TestNode.ShardCount);
        var bytes = await Node.Http.GetByteArrayAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, SliverType.Primary));
        Assert.Equal(blob.SliverBcs(pair, SliverType.Primary), bytes);
    }

    [Fact]
    public void The_signed_message_round_trips_and_rejects_other_layouts()
    {
        var message = new SyncShardMessage(7, new ShardIndex(513), SliverType.Secondary, new BlobId(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()), 1000);
        var bytes = message.Serialize();
        Assert.True(SyncShardMessage.TryParse(bytes, out var parsed));
        Assert.Equal(message, parsed);
        bytes[127] = 2;
        Assert.False(SyncShardMessage.TryParse(bytes, out _));
        Assert.False(SyncShardMessage.TryParse(bytes.AsSpan(1), out _));
    }
}
