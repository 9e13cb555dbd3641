using System.Numerics;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Services;

/// <summary>The service API in Core's types: a blob Core encoded goes on chain and comes back with the same id.</summary>
public sealed partial class WalrusChainClientTests
{
    [Fact]
    public async Task A_blob_encoded_by_core_is_registered_certified_by_node_signatures_and_read_back_by_its_blob_id()
    {
        using var user = WalrusNetworkFixture.User();
        var state = await Chain.GetSystemStateAsync();
        var blob = new byte[100_000];
        new Random(9).NextBytes(blob);
        using var encoded = new Rs2Encoder(EncodingConfig.Create(state.ShardCount)).Encode(blob);
        var registration = BlobRegistration.From(encoded.Metadata, deletable: false);
        var quote = await Chain.QuoteStoreAsync((ulong)blob.Length, 2);
        var balanceBefore = await Chain.Wal.BalanceOfAsync(user.Address);

        var objectId = (await Chain.ReserveAndRegisterBlobsAsync(user, [registration], 2, quote.Total))[0];
        var paid = balanceBefore - await Chain.Wal.BalanceOfAsync(user.Address);
        var committee = await Chain.GetCommitteeAsync(state.Epoch);
        var builder = new CertificateBuilder(committee, Chain.ConfirmationDigest(state.Epoch, encoded.BlobId, deletable: false, objectId));
        foreach (var member in committee.Members)
        {
            // Each node signs with its own signing key, as a storage node does once it holds its slivers.
            using var key = WalrusNetworkFixture.NodeSigningKey(network.NodeIds.ToList().IndexOf(member.NodeId));
            Assert.True(builder.TryAdd(member.NodeId, Chain.SignConfirmation(key, state.Epoch, encoded.BlobId, deletable: false, objectId)));
        }

        await Chain.CertifyBlobAsync(user, objectId, encoded.BlobId, deletable: false, builder.Build());
        var record = await Chain.GetBlobAsync(objectId);

        Assert.Equal(encoded.BlobId, record.BlobId);
        Assert.Equal(state.Epoch, record.CertifiedEpoch);
        Assert.Equal((ulong)blob.Length, record.Size);
        Assert.Equal(quote.EncodedSize, new BigInteger(record.StorageSize));
        Assert.Equal(quote.Total, paid);
        Assert.True(quote.StorageCost > 0 && quote.WriteCost > 0);
    }

    [Fact]
    public async Task The_committee_carries_network_addresses_and_finds_the_holder_of_every_shard()
    {
        var (epoch, _) = await Chain.GetEpochAsync();

        var committee = await Chain.GetCommitteeAsync(epoch);

        Assert.Equal(epoch, committee.Epoch);
        Assert.True(committee.BlockNumber > 0);
        foreach (var member in committee.Members)
        {
            var i = network.NodeIds.ToList().IndexOf(member.NodeId);
            Assert.Equal("node-" + i, member.Name);
            Assert.Equal("127.0.0.1:" + (9185 + i), member.NetworkAddress);
        }

        for (var s = 0; s < WalrusNetworkFixture.Shards; s++)
        {
            Assert.True(committee.TryGetHolder(new ShardIndex((ushort)s), out var holder));
            Assert.Contains(new ShardIndex((ushort)s), holder.Shards);
        }

        Assert.False(committee.TryGetHolder(new ShardIndex(WalrusNetworkFixture.Shards), out _));
    }

    [Fact]
    public async Task Owned_storage_lists_the_reservations_the_account_still_holds()
    {
        using var owner = TestKeys.FromLabel("storage-owner-" + Guid.NewGuid().ToString("N"));
        using var deployer = TestKeys.Anvil(0);
        await network.Anvil.Rpc.CallAsync("anvil_setBalance", w =>
        {
            w.WriteStringValue(owner.Address.ToLowerHex());
            w.WriteStringValue(Hex.EncodeQuantity(BigInteger.Pow(10, 19)));
        }, CancellationToken.None);
        await Chain.Wal.TransferAsync(deployer, owner.Address, 1_000 * WalrusNetworkFixture.Wal);
        await Chain.ApproveWalAsync(owner, 1_000 * WalrusNetworkFixture.Wal);
        var (epoch, _) = await Chain.GetEpochAsync();

        var kept = await Chain.ReserveStorageAsync(owner, 3 << 20, 2, await Chain.System.StorageCostAsync(3 << 20, 2));
        var given = await Chain.ReserveStorageAsync(owner, 5 << 20, 4, await Chain.System.StorageCostAsync(5 << 20, 4));
        await Chain.StorageResource.TransferFromAsync(owner, owner.Address, TestKeys.FromLabel("storage-receiver").Address, given);
        var owned = await Chain.GetOwnedStorageAsync(owner.Address);

        Assert.Equal([new OwnedStorage(kept, epoch, epoch.Add(2), 3 << 20)], owned);
        Assert.Empty(await Chain.GetOwnedStorageAsync(TestKeys.FromLabel("owns nothing").Address));
    }
}
