using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Tests;

public sealed class SliverBatchEndpointTests : NodeApiTestBase
{
    private static readonly SliverType[] Types = [SliverType.Primary, SliverType.Secondary];

    private async Task<TestBlob> RegisteredWithMetadataAsync(int seed)
    {
        var blob = new TestBlob(seed);
        Node.Register(blob, seed);
        using var response = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs);
        Assert.Equal(201, (int)response.StatusCode);
        return blob;
    }

    private static byte[] Record(SliverPairIndex pair, SliverType type, byte[] sliver)
    {
        var record = new byte[SliverBatchWire.HeaderLength + sliver.Length];
        SliverBatchWire.WriteHeader(record, pair, type, sliver.Length);
        sliver.CopyTo(record.AsSpan(SliverBatchWire.HeaderLength));
        return record;
    }

    private static byte[] Records(TestBlob blob, IEnumerable<(SliverPairIndex Pair, SliverType Type)> slivers) =>
        [.. slivers.SelectMany(s => Record(s.Pair, s.Type, blob.SliverBcs(s.Pair, s.Type)))];

    private IEnumerable<(SliverPairIndex Pair, SliverType Type)> OwnedSlivers(TestBlob blob) =>
        blob.PairsOn(Node.OwnedShards).SelectMany(pair => Types.Select(type => (pair, type)));

    [Fact]
    public async Task A_batch_of_valid_slivers_is_stored_and_each_is_served_byte_for_byte()
    {
        using var blob = await RegisteredWithMetadataAsync(41);
        var slivers = OwnedSlivers(blob).ToList();
        using (var put = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), Records(blob, slivers)))
        {
            Assert.Equal(new SliverBatchOutcome(slivers.Count, 0, 0), await Node.SuccessDataAsync(put, 200, NodeApiJsonContext.Default.ApiSuccessBodySliverBatchOutcome));
        }

        foreach (var (pair, type) in slivers)
        {
            Assert.Equal(blob.SliverBcs(pair, type), await Node.Http.GetByteArrayAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, type)));
            using var status = await Node.Http.GetAsync(NodeApiRoutes.SliverStatusPath(blob.BlobId, pair, type));
            Assert.Equal(StoredOnNodeStatus.Stored, await Node.SuccessDataAsync(status, 200, NodeApiJsonContext.Default.ApiSuccessBodyStoredOnNodeStatus));
        }

        // Sent again: nothing is written twice.
        using var again = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), Records(blob, slivers));
        Assert.Equal(new SliverBatchOutcome(0, slivers.Count, 0), await Node.SuccessDataAsync(again, 200, NodeApiJsonContext.Default.ApiSuccessBodySliverBatchOutcome));
    }

    [Fact]
    public async Task A_bad_record_in_the_middle_keeps_the_ones_before_and_is_named_in_a_400()
    {
        using var blob = await RegisteredWithMetadataAsync(42);
        var slivers = OwnedSlivers(blob).ToList();
        Assert.True(slivers.Count >= 4);
        var bad = slivers[2];
        var corrupted = blob.SliverBcs(bad.Pair, bad.Type);
        corrupted[3] ^= 0x5A;
        byte[] body = [.. Records(blob, slivers[..2]), .. Record(bad.Pair, bad.Type, corrupted), .. Records(blob, slivers[3..])];
        using var put = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), body);
        var error = await TestNode.AssertErrorAsync(put, 400, NodeErrorReason.InvalidSliver);
        Assert.Contains($"{NodeApiRoutes.SliverTypeText(bad.Type)} sliver of pair {bad.Pair.Value}", error.Message, StringComparison.Ordinal);
        for (var i = 0; i < slivers.Count; i++)
        {
            Assert.Equal(i < 2, Node.Store.HasSliver(ShardMapping.ShardForPair(blob.BlobId, slivers[i].Pair, TestNode.ShardCount), blob.BlobId, slivers[i].Type));
        }
    }

    [Fact]
    public async Task A_record_longer_than_a_sliver_is_refused_before_its_data_is_read()
    {
        using var blob = await RegisteredWithMetadataAsync(43);
        var pair = blob.PairsOn(Node.OwnedShards).First();
        var limit = blob.Sliver(pair, SliverType.Primary).Symbols.Length + NodeApiLimits.SliverBodyOverhead;
        // Only the header is sent: had the node tried to read the data it would have found the body truncated (400).
        var header = new byte[SliverBatchWire.HeaderLength];
        SliverBatchWire.WriteHeader(header, pair, SliverType.Primary, limit + 1);
        using var put = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), header);
        var error = await TestNode.AssertErrorAsync(put, 413, NodeErrorReason.PayloadTooLarge);
        Assert.Contains($"pair {pair.Value}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_of_foreign_or_out_of_range_pairs_or_unknown_types_get_4xx()
    {
        using var blob = await RegisteredWithMetadataAsync(44);
        var foreign = blob.PairsOn(TestNode.Members[1].Shards.Select(s => new ShardIndex(s))).First();
        using (var put = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), Record(foreign, SliverType.Primary, blob.SliverBcs(foreign, SliverType.Primary))))
        {
            await TestNode.AssertErrorAsync(put, 421, NodeErrorReason.ShardNotAssigned);
        }

        var outOfRange = Record(new SliverPairIndex(TestNode.ShardCount), SliverType.Primary, [1, 2, 3]);
        using (var put = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), outOfRange))
        {
            await TestNode.AssertErrorAsync(put, 400, NodeErrorReason.IndexOutOfRange);
        }

        var pair = blob.PairsOn(Node.OwnedShards).First();
        var badType = Record(pair, SliverType.Primary, blob.SliverBcs(pair, SliverType.Primary));
        badType[2] = 7;
        using (var put = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), badType))
        {
            await TestNode.AssertErrorAsync(put, 400, NodeErrorReason.MalformedRequest);
        }

        Assert.False(Node.Store.HasSliver(ShardMapping.ShardForPair(blob.BlobId, pair, TestNode.ShardCount), blob.BlobId, SliverType.Primary));
    }

    [Fact]
    public async Task A_body_that_ends_inside_a_record_is_400_and_an_empty_body_stores_nothing()
    {
        using var blob = await RegisteredWithMetadataAsync(45);
        var slivers = OwnedSlivers(blob).ToList();
        var whole = Records(blob, slivers[..2]);
        using (var insideData = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), whole[..^10]))
        {
            await TestNode.AssertErrorAsync(insideData, 400, NodeErrorReason.MalformedRequest);
        }

        // The first record was whole and valid: it is kept.
        Assert.True(Node.Store.HasSliver(ShardMapping.ShardForPair(blob.BlobId, slivers[0].Pair, TestNode.ShardCount), blob.BlobId, slivers[0].Type));
        var first = Record(slivers[0].Pair, slivers[0].Type, blob.SliverBcs(slivers[0].Pair, slivers[0].Type)).Length;
        using (var insideHeader = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), whole[..(first + 3)]))
        {
            await TestNode.AssertErrorAsync(insideHeader, 400, NodeErrorReason.MalformedRequest);
        }

        using var empty = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), []);
        Assert.Equal(new SliverBatchOutcome(0, 0, 0), await Node.SuccessDataAsync(empty, 200, NodeApiJsonContext.Default.ApiSuccessBodySliverBatchOutcome));
    }

    [Fact]
    public async Task More_records_than_both_slivers_of_every_owned_pair_is_400()
    {
        using var blob = await RegisteredWithMetadataAsync(46);
        var slivers = OwnedSlivers(blob).ToList();
        var body = Records(blob, [.. slivers, slivers[0]]);
        using var put = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), body);
        var error = await TestNode.AssertErrorAsync(put, 400, NodeErrorReason.MalformedRequest);
        Assert.Contains($"More than {slivers.Count} records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_batch_is_buffered_and_stored_when_the_registration_arrives()
    {
        using var blob = new TestBlob(47);
        using (var metadata = await Node.PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId) + "?pending=true", blob.MetadataBcs))
        {
            Assert.Equal(202, (int)metadata.StatusCode);
        }

        var slivers = OwnedSlivers(blob).ToList();
        using (var unregistered = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId), Records(blob, slivers)))
        {
            await TestNode.AssertErrorAsync(unregistered, 404, NodeErrorReason.BlobNotRegistered);
        }

        using (var put = await Node.PutAsync(NodeApiRoutes.SliversPath(blob.BlobId) + "?pending=true", Records(blob, slivers)))
        {
            Assert.Equal(new SliverBatchOutcome(0, 0, slivers.Count), await Node.SuccessDataAsync(put, 200, NodeApiJsonContext.Default.ApiSuccessBodySliverBatchOutcome));
        }

        Node.Register(blob, 47);
        Assert.True(Node.Service.IsFullyStored(blob.BlobId, Node.Service.Committee!));
    }
}
