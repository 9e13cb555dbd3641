using System.Numerics;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>The client against a real network: anvil with the real contracts and four storage nodes as processes (10 shards, f = 3 shards).</summary>
public sealed class WalrusClientTests(TestCluster cluster) : IClassFixture<TestCluster>
{
    private static byte[] RandomBlob(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private WalrusClient NewClient(HttpClient? http = null) => new(cluster.Chain, TestCluster.User(), http);

    private async Task<BigInteger> BalanceAsync()
    {
        using var user = TestCluster.User();
        return await cluster.Chain.Wal.BalanceOfAsync(user.Address);
    }

    private static async Task<byte[]> ReadBackAsync(WalrusClient client, BlobId blobId, ReadOptions? options = null)
    {
        using var output = new MemoryStream();
        await client.ReadAsync(blobId, output, options);
        return output.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1 << 20)]
    public async Task A_stored_blob_reads_back_byte_for_byte(int size)
    {
        using var client = NewClient();
        var blob = RandomBlob(size, size);
        var before = await BalanceAsync();

        var stored = await client.StoreAsync(blob, new StoreOptions { Epochs = 2 });

        Assert.Equal(StoreOutcome.NewlyCreated, stored.Outcome);
        Assert.NotNull(stored.ObjectId);
        Assert.True(stored.Cost > 0);
        Assert.Equal(before - stored.Cost, await BalanceAsync());
        var record = await cluster.Chain.GetBlobAsync(stored.ObjectId.Value);
        Assert.Equal(stored.BlobId, record.BlobId);
        Assert.NotNull(record.CertifiedEpoch);
        Assert.Equal(blob, await ReadBackAsync(client, stored.BlobId));
        Assert.Equal(blob, await ReadBackAsync(client, stored.BlobId, new ReadOptions { Consistency = ConsistencyCheck.Strict }));
    }

    [Fact]
    public async Task A_second_store_of_a_certified_blob_answers_already_certified_without_paying()
    {
        using var client = NewClient();
        var blob = RandomBlob(7, 30_000);
        var first = await client.StoreAsync(blob, new StoreOptions { Epochs = 2 });
        var balance = await BalanceAsync();

        var second = await client.StoreAsync(blob, new StoreOptions { Epochs = 2 });

        Assert.Equal(first.BlobId, second.BlobId);
        Assert.True(second.AlreadyCertified);
        Assert.Equal(BigInteger.Zero, second.Cost);
        Assert.Equal(balance, await BalanceAsync());
    }

    [Fact]
    public async Task A_store_above_the_maximum_cost_is_refused_before_paying()
    {
        using var client = NewClient();
        var balance = await BalanceAsync();
        var error = await Assert.ThrowsAsync<WalrusClientException>(() => client.StoreAsync(RandomBlob(8, 1000), new StoreOptions { MaxCost = 1 }));
        Assert.Contains("above the maximum", error.Message, StringComparison.Ordinal);
        Assert.Equal(balance, await BalanceAsync());
    }

    [Fact]
    public async Task A_read_succeeds_with_f_shards_down_and_names_the_unreachable_node()
    {
        using var client = NewClient();
        var blob = RandomBlob(11, 200_000);
        var stored = await client.StoreAsync(blob);
        var committee = await client.GetCommitteeAsync();
        var victim = committee.Members.OrderBy(m => m.Weight).First();
        Assert.True(3 * victim.Weight <= committee.ShardCount, "the stopped node must hold at most f shards");
        var node = cluster.Node(victim.NodeId);
        node.Kill();
        try
        {
            using var output = new MemoryStream();
            var read = await client.ReadAsync(stored.BlobId, output);
            Assert.Equal(blob, output.ToArray());
            Assert.Empty(read.Liars);
        }
        finally
        {
            await node.StartAsync();
        }
    }

    [Fact]
    public async Task A_store_certifies_with_f_shards_down()
    {
        using var client = NewClient();
        var committee = await client.GetCommitteeAsync();
        var victim = committee.Members.OrderBy(m => m.Weight).First();
        Assert.True(3 * victim.Weight <= committee.ShardCount, "the stopped node must hold at most f shards");
        var node = cluster.Node(victim.NodeId);
        var blob = RandomBlob(14, 80_000);
        node.Kill();
        StoreResult stored;
        try
        {
            stored = await client.StoreAsync(blob);
        }
        finally
        {
            await node.StartAsync();
        }

        Assert.True(stored.NewlyCreated);
        Assert.NotNull((await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).CertifiedEpoch);
        Assert.Equal(blob, await ReadBackAsync(client, stored.BlobId));
    }

    [Fact]
    public async Task A_node_returning_corrupt_slivers_is_named_and_the_read_still_returns_the_blob()
    {
        byte[] blob = RandomBlob(12, 150_000);
        BlobId blobId;
        using (var writer = NewClient())
        {
            blobId = (await writer.StoreAsync(blob)).BlobId;
        }

        var committee = await cluster.Chain.GetCommitteeAsync((await cluster.Chain.GetEpochAsync()).Epoch);
        // The holder of sliver pair 0 serves a systematic sliver, which every read asks for first.
        Assert.True(committee.TryGetHolder(ShardMapping.ShardForPair(blobId, new SliverPairIndex(0), committee.ShardCount), out var liar));
        using var handler = new CorruptingHandler(liar.NetworkAddress);
        using var http = new HttpClient(handler);
        using var client = NewClient(http);
        using var output = new MemoryStream();

        var read = await client.ReadAsync(blobId, output);

        Assert.Equal(blob, output.ToArray());
        Assert.True(handler.Corrupted > 0, "the liar was never asked: nothing was tested");
        Assert.True(read.Liars.SequenceEqual([liar.NetworkAddress]), $"liars: [{string.Join(", ", read.Liars)}], expected {liar.NetworkAddress}; corrupted answers: {handler.Corrupted}");
    }

    [Fact]
    public async Task A_node_returning_wrong_metadata_is_named_and_the_read_still_returns_the_blob()
    {
        var blob = RandomBlob(15, 60_000);
        BlobId blobId;
        using (var writer = NewClient())
        {
            blobId = (await writer.StoreAsync(blob)).BlobId;
        }

        var committee = await cluster.Chain.GetCommitteeAsync((await cluster.Chain.GetEpochAsync()).Epoch);
        var liar = committee.Members.OrderByDescending(m => m.Weight).First(); // asked first for metadata
        using var handler = new CorruptingHandler(liar.NetworkAddress, "/metadata", bytes =>
        {
            bytes[^5] ^= 0xFF; // a sliver hash of the last pair
            return bytes;
        });
        using var http = new HttpClient(handler);
        using var client = NewClient(http);

        using var output = new MemoryStream();
        var read = await client.ReadAsync(blobId, output);

        Assert.Equal(blob, output.ToArray());
        Assert.True(handler.Corrupted > 0, "the liar was never asked: nothing was tested");
        Assert.Contains(liar.NetworkAddress, read.Liars);
    }

    [Fact]
    public async Task A_confirmation_not_signed_by_the_nodes_key_is_refused_and_the_store_certifies_with_the_others()
    {
        var committee = await cluster.Chain.GetCommitteeAsync((await cluster.Chain.GetEpochAsync()).Epoch);
        var liar = committee.Members.OrderBy(m => m.Weight).First();
        using var stranger = Walrus.Chain.Crypto.PrivateKey.Generate();
        using var handler = new CorruptingHandler(liar.NetworkAddress, "/confirmation/", bytes =>
        {
            // The node's message, signed by a key that is not its registered one.
            var body = System.Text.Json.JsonSerializer.Deserialize(bytes, Walrus.Core.NodeApi.NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation)!;
            var signed = body.Success.Data.Signed;
            var forged = stranger.SignHash(Walrus.Chain.Crypto.Keccak256.Hash(signed.SerializedMessage)).ToBytes();
            var replaced = body with { Success = body.Success with { Data = new Walrus.Core.NodeApi.StorageConfirmation(signed with { Signature = forged }) } };
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(replaced, Walrus.Core.NodeApi.NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation);
        });
        using var order = new ConfirmationOrderHandler(liar.NetworkAddress, handler, TimeSpan.FromSeconds(60));
        using var http = new HttpClient(order);
        using var client = NewClient(http);

        var stored = await client.StoreAsync(RandomBlob(16, 40_000));

        Assert.True(handler.Corrupted > 0, "the liar was never asked: nothing was tested");
        Assert.NotNull((await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).CertifiedEpoch);
    }

    [Fact]
    public async Task Sliver_bytes_queued_or_in_flight_to_all_nodes_together_stay_within_the_budget()
    {
        // A budget below one pair: one pair at a time, whatever the number of nodes and requests per node.
        using var counter = new InFlightBytesHandler(new SocketsHttpHandler(), TimeSpan.FromMilliseconds(30));
        using var http = new HttpClient(counter);
        using var client = NewClient(http);

        var blob = RandomBlob(23, 300_000);
        var stored = await client.StoreAsync(blob, new StoreOptions { MaxBytesInFlight = 1, RequestsPerNode = 4 });
        await stored.RemainingUploads;

        Assert.True(counter.LargestBody > 0, "no sliver was uploaded: nothing was tested");
        Assert.InRange(counter.MaxInFlight, 1, 2 * counter.LargestBody);
        using var reader = NewClient();
        using var copy = new MemoryStream();
        await reader.ReadAsync(stored.BlobId, copy);
        Assert.Equal(blob, copy.ToArray());
    }

    [Fact]
    public async Task An_interrupted_store_resumes_from_its_registration_without_paying_twice()
    {
        var blob = RandomBlob(13, 100_000);
        var committee = await cluster.Chain.GetCommitteeAsync((await cluster.Chain.GetEpochAsync()).Epoch);
        var config = EncodingConfig.Create(committee.ShardCount);
        using var encoded = new Rs2Encoder(config).Encode(blob);
        var blobId = encoded.BlobId;

        // The interrupted store: registered and paid, metadata and slivers on one node only.
        using (var user = TestCluster.User())
        {
            var quote = await cluster.Chain.QuoteStoreAsync((ulong)blob.Length, 1);
            await cluster.Chain.ReserveAndRegisterBlobsAsync(user, [BlobRegistration.From(encoded.Metadata, deletable: true)], 1, quote.Total);
        }

        using var client = NewClient();
        var first = committee.Members[0];
        var node = client.Node(first.NetworkAddress);
        await node.PutMetadataAsync(blobId, encoded.Metadata.Metadata.ToBcs());
        foreach (var shard in first.Shards)
        {
            var pair = encoded.GetSliverPair(ShardMapping.PairForShard(blobId, shard, committee.ShardCount));
            await node.PutSliverAsync(blobId, pair.Index, SliverType.Primary, pair.Primary.ToBcs());
            await node.PutSliverAsync(blobId, pair.Index, SliverType.Secondary, pair.Secondary.ToBcs());
        }

        var balance = await BalanceAsync();
        var requestsBefore = client.NodeRequestCount;

        var resumed = await client.StoreAsync(blob);

        Assert.Equal(StoreOutcome.Resumed, resumed.Outcome);
        Assert.Equal(BigInteger.Zero, resumed.Cost);
        Assert.Equal(balance, await BalanceAsync());
        Assert.NotNull((await cluster.Chain.GetBlobAsync(resumed.ObjectId!.Value)).CertifiedEpoch);
        Assert.Single(await client.FindBlobObjectsAsync(blobId), o => o.Record.Deletable);
        Assert.True(client.NodeRequestCount > requestsBefore);
        Assert.Equal(blob, await ReadBackAsync(client, blobId));
    }

    [Fact]
    public async Task A_store_sends_the_slivers_of_a_node_in_few_requests_and_reads_back()
    {
        using var client = NewClient();
        var blob = RandomBlob(17, 1 << 20);
        var committee = await client.GetCommitteeAsync();

        var stored = await client.StoreAsync(blob, new StoreOptions { Epochs = 1 });

        // One PUT per sliver would take 2 per pair on top of metadata and confirmation per member; a request per pair at
        // the very worst means the slivers went in batches.
        var members = committee.Members.Count;
        var perSliver = (2 * members) + (2 * committee.ShardCount);
        Assert.True(stored.NodeRequests <= (2 * members) + committee.ShardCount,
            $"{stored.NodeRequests} node requests for {committee.ShardCount} sliver pairs on {members} nodes (one PUT per sliver: {perSliver})");
        Assert.Equal(blob, await ReadBackAsync(client, stored.BlobId));
    }

    [Fact]
    public async Task A_store_to_nodes_without_the_batch_route_falls_back_to_one_put_per_sliver()
    {
        using var handler = new BatchRouteRefusingHandler();
        using var http = new HttpClient(handler);
        using var client = NewClient(http);
        var blob = RandomBlob(18, 200_000);
        var committee = await client.GetCommitteeAsync();

        var stored = await client.StoreAsync(blob, new StoreOptions { Epochs = 1 });

        Assert.NotNull((await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).CertifiedEpoch);
        Assert.InRange(handler.Refused, 1, committee.Members.Count * new StoreOptions().RequestsPerNode);
        Assert.Equal(blob, await ReadBackAsync(client, stored.BlobId));
    }
}
