using Walrus.Client;
using Walrus.IntegrationTests.Support;
using Walrus.TestKit.Cluster;

namespace Walrus.IntegrationTests;

/// <summary>A deletable blob deleted on chain (BlobRegistry.deleteBlob through Walrus.Chain): the nodes drop it, reads fail cleanly.</summary>
[Collection(HonestNetwork.Name)]
public sealed class DeletionTests(HonestNetworkFixture fixture)
{
    [Fact]
    public async Task A_deleted_blob_is_dropped_by_every_node_and_reading_it_fails_cleanly()
    {
        var data = Blobs.Random(300_000, 41);
        var stored = await fixture.Client.StoreAsync(data, new StoreOptions { Epochs = 2, Deletable = true });
        Assert.True(stored.NewlyCreated);
        foreach (var node in fixture.Network.Nodes)
        {
            Assert.False(await HonestNetworkFixture.HasDroppedAsync(node, stored.BlobId), $"{node.Name} lacks the blob before the delete");
        }

        await fixture.Client.Chain.DeleteBlobAsync(fixture.Wallet, stored.ObjectId!.Value);

        foreach (var node in fixture.Network.Nodes)
        {
            await Poll.UntilAsync(() => HonestNetworkFixture.HasDroppedAsync(node, stored.BlobId), TimeSpan.FromMinutes(2),
                () => $"{node.Name} still holds the deleted blob\n{node.Output}");
        }

        var read = await Cli.RunAsync("read", stored.BlobId.ToString(), "--out", Path.Combine(Path.GetTempPath(), "walrus-it-deleted-" + Guid.NewGuid().ToString("N")),
            "--config", fixture.ClientConfig);
        Cli.AssertFailsCleanly(read, stored.BlobId.ToString());
        await Assert.ThrowsAsync<WalrusClientException>(() => fixture.Client.ReadAsync(stored.BlobId, new MemoryStream()));
    }
}
