using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Core.Encoding;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>
/// Store options Walrus has: end epoch, earliest expiry time, sending the blob object away, reusing an owned storage
/// reservation; and the resource operation each store reports. Real network: anvil, the contracts, four node processes.
/// </summary>
public sealed class StoreLifetimeTests(TestCluster cluster) : IClassFixture<TestCluster>
{
    private static byte[] RandomBlob(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private WalrusClient NewClient() => new(cluster.Chain, TestCluster.User());

    [Fact]
    public async Task An_end_epoch_is_the_blobs_end_epoch_and_registers_from_scratch()
    {
        using var client = NewClient();
        var current = (await cluster.Chain.GetEpochAsync()).Epoch.Value;

        var stored = await client.StoreAsync(RandomBlob(31, 20_000), new StoreOptions { EndEpoch = current + 3 });

        Assert.Equal(current + 3, stored.EndEpoch.Value);
        Assert.Equal(current + 3, (await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).EndEpoch.Value);
        Assert.Equal(new RegisterFromScratch(stored.EncodedSize, 3), stored.ResourceOperation);
    }

    [Fact]
    public async Task An_earliest_expiry_time_buys_the_fewest_epochs_that_reach_it()
    {
        using var client = NewClient();
        var state = await cluster.Chain.GetSystemStateAsync();
        // The current epoch ends at its epoch change; every further epoch lasts an hour. Half-way through the second
        // hour after that needs the current epoch and two more.
        var expiry = DateTimeOffset.FromUnixTimeSeconds((long)state.EpochChangeAt + (3 * TestCluster.EpochSeconds / 2));

        var stored = await client.StoreAsync(RandomBlob(32, 20_000), new StoreOptions { EarliestExpiryTime = expiry });

        Assert.Equal(state.Epoch.Value + 3, stored.EndEpoch.Value);
    }

    [Fact]
    public async Task The_blob_object_is_sent_to_another_address_after_certifying()
    {
        using var client = NewClient();
        using var recipient = PrivateKey.Generate();

        var stored = await client.StoreAsync(RandomBlob(33, 20_000), new StoreOptions { SendObjectTo = recipient.Address });

        Assert.Equal(recipient.Address, await cluster.Chain.BlobRegistry.OwnerOfAsync(stored.ObjectId!.Value));
        Assert.Equal(recipient.Address, stored.Owner);
        Assert.NotNull((await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).CertifiedEpoch);
    }

    [Fact]
    public async Task An_owned_reservation_that_fits_is_reused_paying_only_the_write_fee()
    {
        using var client = NewClient();
        using var user = TestCluster.User();
        var blob = RandomBlob(34, 20_000);
        var quote = await cluster.Chain.QuoteStoreAsync((ulong)blob.Length, 2);
        var token = await cluster.Chain.ReserveStorageAsync(user, (ulong)quote.EncodedSize, 2, quote.StorageCost);
        var reserved = (await cluster.Chain.GetOwnedStorageAsync(user.Address)).Single(s => s.TokenId == token);

        var stored = await client.StoreAsync(blob, new StoreOptions { Epochs = 2 });

        Assert.Equal(new ReuseStorage(stored.EncodedSize), stored.ResourceOperation);
        Assert.Equal(quote.WriteCost, stored.Cost);
        Assert.Equal(reserved.EndEpoch, stored.EndEpoch);
        Assert.DoesNotContain(await cluster.Chain.GetOwnedStorageAsync(user.Address), s => s.TokenId == token);
        Assert.NotNull((await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).CertifiedEpoch);
    }

    [Fact]
    public async Task An_owned_certified_blob_that_ends_too_early_is_extended_paying_only_the_added_epochs()
    {
        using var client = NewClient();
        using var user = TestCluster.User();
        var blob = RandomBlob(35, 20_000);
        var first = await client.StoreAsync(blob, new StoreOptions { Epochs = 1 });
        await first.RemainingUploads;
        var record = await cluster.Chain.GetBlobAsync(first.ObjectId!.Value);
        var extension = await cluster.Chain.System.StorageCostAsync(record.StorageSize, 2);

        // Above the maximum: refused, nothing paid.
        var before = await cluster.Chain.Wal.BalanceOfAsync(user.Address);
        await Assert.ThrowsAsync<WalrusClientException>(() => client.StoreAsync(blob, new StoreOptions { Epochs = 3, MaxCost = extension - 1 }));
        Assert.Equal(before, await cluster.Chain.Wal.BalanceOfAsync(user.Address));

        var stored = await client.StoreAsync(blob, new StoreOptions { Epochs = 3, MaxCost = extension });

        Assert.Equal(new ReuseAndExtend(stored.EncodedSize, 2), stored.ResourceOperation);
        Assert.Equal(first.ObjectId, stored.ObjectId);
        Assert.Equal(extension, stored.Cost);
        Assert.Equal(before - extension, await cluster.Chain.Wal.BalanceOfAsync(user.Address));
        Assert.Equal(record.EndEpoch.Add(2), stored.EndEpoch);
        Assert.Equal(record.EndEpoch.Add(2), (await cluster.Chain.GetBlobAsync(stored.ObjectId!.Value)).EndEpoch);
        Assert.Equal(0, stored.NodeRequests);
    }

    [Fact]
    public async Task An_owned_registration_that_ends_too_early_is_finished_then_extended_paying_only_the_added_epochs()
    {
        using var client = NewClient();
        using var user = TestCluster.User();
        var blob = RandomBlob(36, 50_000);
        var current = (await cluster.Chain.GetEpochAsync()).Epoch;
        var committee = await cluster.Chain.GetCommitteeAsync(current);
        using var encoded = new Rs2Encoder(EncodingConfig.Create(committee.ShardCount)).Encode(blob);

        // An interrupted store: registered and paid for one epoch, nothing uploaded.
        var quote = await cluster.Chain.QuoteStoreAsync((ulong)blob.Length, 1);
        var objectId = (await cluster.Chain.ReserveAndRegisterBlobsAsync(user, [BlobRegistration.From(encoded.Metadata, deletable: true)], 1, quote.Total))[0];
        var record = await cluster.Chain.GetBlobAsync(objectId);
        Assert.Equal(current.Add(1), record.EndEpoch);
        var extension = await cluster.Chain.System.StorageCostAsync(record.StorageSize, 2);

        // The extension above the maximum: refused before any node is asked, nothing paid.
        var before = await cluster.Chain.Wal.BalanceOfAsync(user.Address);
        var requests = client.NodeRequestCount;
        await Assert.ThrowsAsync<WalrusClientException>(() => client.StoreAsync(blob, new StoreOptions { Epochs = 3, MaxCost = extension - 1 }));
        Assert.Equal(before, await cluster.Chain.Wal.BalanceOfAsync(user.Address));
        Assert.Equal(requests, client.NodeRequestCount);
        Assert.Null((await cluster.Chain.GetBlobAsync(objectId)).CertifiedEpoch);

        var stored = await client.StoreAsync(blob, new StoreOptions { Epochs = 3, MaxCost = extension });

        Assert.Equal(StoreOutcome.Resumed, stored.Outcome);
        Assert.Equal(new ReuseAndExtendNonCertified(stored.EncodedSize, 2), stored.ResourceOperation);
        Assert.Equal(objectId, stored.ObjectId);
        Assert.Equal(extension, stored.Cost);
        Assert.Equal(before - extension, await cluster.Chain.Wal.BalanceOfAsync(user.Address));
        Assert.Equal(current.Add(3), stored.EndEpoch);
        var after = await cluster.Chain.GetBlobAsync(objectId);
        Assert.Equal(current.Add(3), after.EndEpoch);
        Assert.NotNull(after.CertifiedEpoch);
        Assert.Single(await client.FindBlobObjectsAsync(encoded.BlobId));
        using var output = new MemoryStream();
        await client.ReadAsync(stored.BlobId, output);
        Assert.Equal(blob, output.ToArray());
    }
}
