using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;
using Walrus.IntegrationTests.Support;
using Walrus.TestKit.Cluster;

namespace Walrus.IntegrationTests;

/// <summary>f nodes killed (kill -9): the network keeps storing and reading; restarted, the nodes heal.</summary>
[Collection(HonestNetwork.Name)]
public sealed class NodeFaultTests(HonestNetworkFixture fixture) : IDisposable
{
    private static readonly TimeSpan HealDeadline = TimeSpan.FromMinutes(4);
    private readonly string _folder = Directory.CreateTempSubdirectory("walrus-it-faults-").FullName;

    [Fact]
    public async Task With_f_nodes_killed_stores_and_reads_succeed_and_the_restarted_node_heals_the_slivers_it_missed()
    {
        var network = fixture.Network;
        var victim = network.Nodes[1];
        var before = await StoreWithCliAsync(Blobs.Random(Blobs.MiB, 31));

        victim.Kill();
        Assert.False(victim.IsRunning);
        try
        {
            var during = await StoreWithCliAsync(Blobs.Random(Blobs.MiB + 17, 32));
            foreach (var (id, data) in new[] { before, during })
            {
                var output = Path.Combine(_folder, id + ".out");
                await Cli.SucceedAsync("read", id, "--out", output, "--config", fixture.ClientConfig);
                Assert.Equal(data, await File.ReadAllBytesAsync(output));
            }

            await victim.StartAsync();
            var blobId = BlobId.Parse(during.Id);
            var shardCount = network.Nodes.Sum(n => n.Shards.Count);
            var node = HonestNetworkFixture.Direct(victim);
            var pairs = HonestNetworkFixture.PairsOf(victim, blobId, shardCount).ToList();
            Assert.NotEmpty(pairs);
            await Poll.UntilAsync(async () =>
            {
                foreach (var pair in pairs)
                {
                    if (await node.GetSliverStatusAsync(blobId, pair, SliverType.Primary) != StoredOnNodeStatus.Stored
                        || await node.GetSliverStatusAsync(blobId, pair, SliverType.Secondary) != StoredOnNodeStatus.Stored)
                    {
                        return false;
                    }
                }

                return true;
            }, HealDeadline, () => $"{victim.Name} did not heal the slivers of {blobId}\n{victim.Output}");

            // What it healed verifies against the blob's metadata.
            var config = EncodingConfig.Create(shardCount);
            var metadata = await node.GetMetadataAsync(blobId, shardCount);
            Assert.NotNull(metadata);
            Assert.Equal(MetadataVerificationResult.Valid, metadata.Verify(config));
            var maxSliver = Math.Max(config.SliverLength(SliverType.Primary, Blobs.MiB + 17), config.SliverLength(SliverType.Secondary, Blobs.MiB + 17));
            foreach (var pair in pairs)
            {
                foreach (var type in new[] { SliverType.Primary, SliverType.Secondary })
                {
                    var sliver = await node.GetSliverAsync(blobId, pair, type, maxSliver);
                    Assert.NotNull(sliver);
                    Assert.Equal(SliverVerificationResult.Valid, SliverVerifier.Verify(sliver, metadata.Metadata, config));
                }
            }
        }
        finally
        {
            await victim.StartAsync();
        }
    }

    private async Task<(string Id, byte[] Data)> StoreWithCliAsync(byte[] data)
    {
        var input = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(input, data);
        var stored = await Cli.SucceedAsync("store", input, "--epochs", "2", "--json", "--config", fixture.ClientConfig);
        return (CliStoreReadTests.BlobIdOf(stored), data);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
