using Walrus.Client;
using Walrus.IntegrationTests.Support;
using Walrus.Testbed;
using Walrus.TestKit.Cluster;

namespace Walrus.IntegrationTests;

/// <summary>Four nodes with one-minute epochs that the testbed advances itself, as <c>walrus testbed up --epoch-duration 1m</c> does.</summary>
public sealed class ShortEpochNetworkFixture : NetworkFixture
{
    protected override LocalNetworkOptions Options => base.Options with { Shards = 20, EpochDuration = TimeSpan.FromMinutes(1), DriveEpochs = true };
}

/// <summary>A blob past its end epoch: the nodes drop it at the epoch boundary and keep the blobs that last longer.</summary>
[Trait("Category", "Slow")]
public sealed class ExpiryTests(ShortEpochNetworkFixture fixture) : IClassFixture<ShortEpochNetworkFixture>
{
    [Fact]
    public async Task A_blob_is_dropped_by_every_node_once_its_end_epoch_begins_and_a_longer_one_stays()
    {
        var expiring = await StoreAsync(Blobs.Random(50_000, 61), epochs: 2);
        var lasting = await StoreAsync(Blobs.Random(50_000, 62), epochs: 8);
        var end = expiring.EndEpoch;

        // Before the boundary, while the chain is still in an earlier epoch, every node holds it.
        if ((await fixture.Client.Chain.GetEpochAsync()).Epoch.Value < end.Value)
        {
            foreach (var node in fixture.Network.Nodes)
            {
                Assert.False(await HonestNetworkFixture.HasDroppedAsync(node, expiring.BlobId), $"{node.Name} dropped the blob before its end epoch");
            }
        }

        await Poll.UntilAsync(async () => (await fixture.Client.Chain.GetEpochAsync()).Epoch.Value >= end.Value, TimeSpan.FromMinutes(5),
            () => $"epoch {end} did not begin\n{fixture.Logs()}");
        foreach (var node in fixture.Network.Nodes)
        {
            await Poll.UntilAsync(() => HonestNetworkFixture.HasDroppedAsync(node, expiring.BlobId), TimeSpan.FromMinutes(2),
                () => $"{node.Name} still holds {expiring.BlobId} in epoch {end}\n{node.Output}");
            Assert.False(await HonestNetworkFixture.HasDroppedAsync(node, lasting.BlobId), $"{node.Name} dropped the blob that lasts until epoch {lasting.EndEpoch}");
        }

        await Assert.ThrowsAsync<WalrusClientException>(() => fixture.Client.ReadAsync(expiring.BlobId, new MemoryStream()));
        using var output = new MemoryStream();
        await fixture.Client.ReadAsync(lasting.BlobId, output);
        Assert.Equal(Blobs.Random(50_000, 62), output.ToArray());
    }

    /// <summary>
    /// Stores, running the store again (it resumes, paying nothing twice) when an epoch change fell inside it: the nodes
    /// then sign confirmations for the new epoch while the client checks them for the old one.
    /// </summary>
    private async Task<StoreResult> StoreAsync(byte[] data, uint epochs)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await fixture.Client.StoreAsync(data, new StoreOptions { Epochs = epochs, Deletable = false });
            }
            catch (WalrusClientException) when (attempt < 3)
            {
                // Epoch boundary during the store; the next attempt resumes the registration.
            }
        }
    }
}
