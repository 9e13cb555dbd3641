using Walrus.Client;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.IntegrationTests.Support;
using Walrus.Testbed;

namespace Walrus.IntegrationTests;

/// <summary>Four nodes, the last one Byzantine (its <see cref="ByzantineProxy"/> holds its registered address): f of the shards lie.</summary>
public sealed class ByzantineNetworkFixture : NetworkFixture
{
    protected override LocalNetworkOptions Options => base.Options with { Byzantine = 1 };
}

/// <summary>With f Byzantine nodes, writes certify and reads return the right bytes, naming the liars.</summary>
public sealed class ByzantineTests(ByzantineNetworkFixture fixture) : IClassFixture<ByzantineNetworkFixture>
{
    private TestbedNode Liar => fixture.Network.Nodes.Single(n => n.Byzantine);

    private ByzantineProxy Proxy => Liar.Proxy ?? throw new InvalidOperationException("The Byzantine node's proxy is not running.");

    [Fact]
    public void The_byzantine_node_registered_its_proxy_and_testbed_json_marks_it()
    {
        var json = File.ReadAllText(fixture.Network.TestbedFilePath);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var nodes = document.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal([false, false, false, true], nodes.Select(n => n.GetProperty("byzantine").GetBoolean()));
        Assert.Equal("http://" + Proxy.NetworkAddress, nodes[3].GetProperty("url").GetString());
        Assert.NotEqual(Liar.Url, Liar.PublicUrl);
    }

    [Fact]
    public async Task Writes_certify_and_every_read_returns_the_right_bytes_while_a_node_drops_writes_and_lies()
    {
        Proxy.Behaviour = ByzantineBehaviour.All;
        var dropped = Proxy.DroppedWrites;
        var stored = new List<(BlobId Id, byte[] Data)>();
        foreach (var (size, seed) in new[] { (1, 11), (100_000, 12), (Blobs.MiB, 13) })
        {
            var data = Blobs.Random(size, seed);
            var result = await fixture.Client.StoreAsync(data, new StoreOptions { Epochs = 2 });
            Assert.True(result.NewlyCreated, $"{size} B: {result.Outcome}");
            Assert.NotNull((await fixture.Client.Chain.GetBlobAsync(result.ObjectId!.Value)).CertifiedEpoch);
            stored.Add((result.BlobId, data));
        }

        Assert.True(Proxy.DroppedWrites > dropped, "the proxy dropped no write");
        for (var round = 0; round < 3; round++)
        {
            foreach (var (id, data) in stored)
            {
                using var output = new MemoryStream();
                var read = await fixture.Client.ReadAsync(id, output);
                Assert.Equal(data, output.ToArray());
                Assert.All(read.Liars, liar => Assert.Equal(Proxy.NetworkAddress, liar));
            }
        }
    }

    [Fact]
    public async Task Writes_certify_despite_wrong_confirmations_and_reads_name_the_node_that_serves_corrupted_slivers()
    {
        Proxy.Behaviour = ByzantineBehaviour.CorruptSlivers | ByzantineBehaviour.CorruptMetadata | ByzantineBehaviour.WrongConfirmations;
        // A store certifies at the first quorum and does not wait for the last node's confirmation, so the liar is not
        // asked every time: store (each one must certify) until it has been asked and has lied.
        var wrong = Proxy.WrongConfirmations;
        byte[] data = [];
        StoreResult stored = null!;
        for (var attempt = 0; attempt < 6 && Proxy.WrongConfirmations == wrong; attempt++)
        {
            data = BlobTheLiarServes(200_000 + attempt);
            stored = await fixture.Client.StoreAsync(data, new StoreOptions { Epochs = 2 });
            Assert.True(stored.NewlyCreated, stored.Outcome.ToString());
            await stored.RemainingUploads;
        }

        Assert.True(Proxy.WrongConfirmations > wrong, "the proxy sent no wrong confirmation in 6 stores");
        var corrupted = Proxy.CorruptedSlivers;
        for (var round = 0; round < 3; round++)
        {
            using var output = new MemoryStream();
            var read = await fixture.Client.ReadAsync(stored.BlobId, output);
            Assert.Equal(data, output.ToArray());
            Assert.Equal([Proxy.NetworkAddress], read.Liars);
        }

        Assert.True(Proxy.CorruptedSlivers >= corrupted + 3, $"the proxy corrupted {Proxy.CorruptedSlivers - corrupted} slivers");
    }

    /// <summary>
    /// A blob one of whose systematic primary slivers (those every read asks for first) the Byzantine node holds, so that
    /// each read asks it and gets a corrupted sliver.
    /// </summary>
    private byte[] BlobTheLiarServes(int size)
    {
        var shardCount = fixture.Network.Nodes.Sum(n => n.Shards.Count);
        var config = EncodingConfig.Create(shardCount);
        var shards = Liar.Shards.ToHashSet();
        for (var seed = 100; ; seed++)
        {
            var data = Blobs.Random(size, seed);
            var blobId = new Rs2Encoder(config).ComputeBlobId(data);
            for (var pair = 0; pair < config.PrimarySourceSymbols; pair++)
            {
                if (shards.Contains(ShardMapping.ShardForPair(blobId, new SliverPairIndex((ushort)pair), shardCount).Value))
                {
                    return data;
                }
            }
        }
    }
}
