using System.Numerics;
using Walrus.Chain.Abi;
using Walrus.Chain.Crypto;
using Walrus.Chain.Events;
using Walrus.Chain.Generated;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Services;

/// <summary>The control plane's life through the service API on a deployment made by the contracts' forge script.</summary>
public sealed partial class WalrusChainClientTests(WalrusNetworkFixture network) : IClassFixture<WalrusNetworkFixture>
{
    private WalrusChainClient Chain => network.Chain;

    [Fact]
    public async Task Bootstrap_gives_a_first_committee_that_holds_every_shard()
    {
        var state = await Chain.GetSystemStateAsync();
        var committee = await Chain.GetCommitteeAsync(state.Epoch);

        Assert.True(state.Epoch >= new Epoch(1));
        Assert.Equal(WalrusNetworkFixture.Shards, state.ShardCount);
        Assert.Equal(1000UL, state.StoragePrice);
        Assert.Equal(2000UL, state.WritePrice);
        Assert.Equal(4, committee.Members.Count);
        Assert.Equal(committee.Members.Select(m => m.NodeId).Order(), committee.Members.Select(m => m.NodeId));
        Assert.Equal(Enumerable.Range(0, WalrusNetworkFixture.Shards).Select(i => new ShardIndex((ushort)i)), committee.Members.SelectMany(m => m.Shards).Order());
        Assert.All(committee.Members, m => Assert.Equal(m.Weight, m.Shards.Count));
        foreach (var member in committee.Members)
        {
            using var key = WalrusNetworkFixture.NodeSigningKey(network.NodeIds.ToList().IndexOf(member.NodeId));
            Assert.Equal(key.Address, member.SigningKey);
        }
    }

    [Fact]
    public async Task Local_eip712_digests_equal_the_contracts_digests()
    {
        var blobId = Keccak256.HashUtf8("digest check").ToBlobId();
        var (epoch, _) = await Chain.GetEpochAsync();

        Assert.Equal(await Chain.BlobRegistry.DomainSeparatorAsync(), Chain.BlobRegistryDomainSeparator);
        Assert.Equal(await Chain.NodeRegistry.DomainSeparatorAsync(), Chain.NodeRegistryDomainSeparator);
        Assert.Equal(await Chain.BlobRegistry.ConfirmationDigestAsync(epoch.Value, blobId.ToHash256(), 1, 77), Chain.ConfirmationDigest(epoch, blobId, deletable: true, 77));
        Assert.Equal(await Chain.BlobRegistry.ConfirmationDigestAsync(epoch.Value, blobId.ToHash256(), 0, 0), Chain.ConfirmationDigest(epoch, blobId, deletable: false, 77));
        Assert.Equal(await Chain.BlobRegistry.InvalidBlobDigestAsync(epoch.Value, blobId.ToHash256()), Chain.InvalidBlobDigest(epoch, blobId));
    }

    [Fact]
    public async Task A_blob_is_reserved_registered_certified_extended_given_attributes_and_deleted()
    {
        using var user = WalrusNetworkFixture.User();
        var blob = await NewBlobAsync("lifecycle", deletable: true);
        var encoded = await Chain.BlobRegistry.EncodedSizeAsync(blob.Size);

        var storage = await Chain.ReserveStorageAsync(user, (ulong)encoded, 3, await Chain.System.StorageCostAsync(encoded, 3));
        var objectId = await Chain.RegisterBlobAsync(user, storage, blob, await Chain.System.WriteCostAsync(encoded));
        var (epoch, _) = await Chain.GetEpochAsync();
        var certificate = await network.CertifyAsync(Chain.ConfirmationDigest(epoch, blob.BlobId, deletable: true, objectId));
        var certified = await Chain.CertifyBlobAsync(user, objectId, blob.BlobId, deletable: true, certificate);

        Assert.Contains(certified.Logs, l => BlobRegistryContract.TryDecodeBlobCertified(l, out var e) && e.ObjectId == objectId && !e.IsExtension);
        var record = await Chain.GetBlobAsync(objectId);
        Assert.Equal(epoch, record.CertifiedEpoch);
        Assert.Equal(epoch.Add(3), record.EndEpoch);

        await Chain.ExtendBlobAsync(user, objectId, 2, await Chain.System.StorageCostAsync(record.StorageSize, 2));
        Assert.Equal(epoch.Add(5), (await Chain.GetBlobAsync(objectId)).EndEpoch);

        await Chain.SetBlobAttributeAsync(user, objectId, "content-type", "text/plain");
        await Chain.SetBlobAttributeAsync(user, objectId, "_walrusBlobType", "quilt");
        await Chain.RemoveBlobAttributeAsync(user, objectId, "_walrusBlobType");
        Assert.Equal(new Dictionary<string, string> { ["content-type"] = "text/plain" }, await Chain.GetBlobAttributesAsync(objectId));

        var deleted = await Chain.DeleteBlobAsync(user, objectId);
        Assert.Contains(deleted.Logs, l => BlobRegistryContract.TryDecodeBlobDeleted(l, out var e) && e.ObjectId == objectId && e.WasCertified);
    }

    [Fact]
    public async Task Many_blobs_register_in_one_transaction()
    {
        using var user = WalrusNetworkFixture.User();
        var blobs = new List<BlobRegistration>();
        for (var i = 0; i < 5; i++)
        {
            blobs.Add(await NewBlobAsync("batch-" + i, deletable: false));
        }

        var objectIds = await Chain.ReserveAndRegisterBlobsAsync(user, blobs, 2, await QuoteAsync(2, blobs.Count));

        Assert.Equal(5, objectIds.Distinct().Count());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(blobs[i].BlobId, (await Chain.GetBlobAsync(objectIds[i])).BlobId);
        }
    }

    [Fact]
    public async Task A_certificate_below_quorum_is_rejected_with_the_typed_contract_error()
    {
        using var user = WalrusNetworkFixture.User();
        var blob = await NewBlobAsync("no quorum", deletable: false);
        var objectId = (await Chain.ReserveAndRegisterBlobsAsync(user, [blob], 1, await QuoteAsync(1)))[0];
        var (epoch, _) = await Chain.GetEpochAsync();
        var weak = await network.CertifyAsync(Chain.ConfirmationDigest(epoch, blob.BlobId, false, objectId), signers: 1);

        var error = await Assert.ThrowsAsync<ContractRevertException>(() => Chain.CertifyBlobAsync(user, objectId, blob.BlobId, false, weak));

        Assert.Equal("SystemQuorumNotReached", error.ErrorName);
        Assert.Equal(new BigInteger(WalrusNetworkFixture.Shards), error["nShards"]);
        Assert.Equal(new BigInteger(weak.Weight), error["weight"]);
    }

    [Fact]
    public async Task A_registry_error_names_the_registry_problem()
    {
        using var user = WalrusNetworkFixture.User();
        var blob = await NewBlobAsync("not deletable", deletable: false);
        var objectId = (await Chain.ReserveAndRegisterBlobsAsync(user, [blob], 1, await QuoteAsync(1)))[0];

        var error = await Assert.ThrowsAsync<ContractRevertException>(() => Chain.DeleteBlobAsync(user, objectId));

        Assert.Equal("BlobRegistryNotDeletable", error.ErrorName);
        Assert.Equal(objectId, error["objectId"]);
    }

    [Fact]
    public async Task An_invalid_blob_is_marked_with_a_validity_certificate()
    {
        var blobId = Keccak256.HashUtf8("inconsistent blob").ToBlobId();
        var (epoch, _) = await Chain.GetEpochAsync();
        using var sender = TestKeys.Anvil(6);
        var certificate = await network.CertifyAsync(Chain.InvalidBlobDigest(epoch, blobId), strongQuorum: false);

        var receipt = await Chain.InvalidateBlobAsync(sender, blobId, certificate);

        Assert.Contains(receipt.Logs, l => BlobRegistryContract.TryDecodeInvalidBlobID(l, out var e) && e.BlobId.ToBlobId() == blobId);
        Assert.True(await Chain.BlobRegistry.IsInvalidAsync(blobId.ToHash256()));
    }

    [Fact]
    public async Task Stake_epoch_change_and_withdrawal_work_through_the_service()
    {
        using var staker = TestKeys.Anvil(7);
        using var deployer = TestKeys.Anvil(0);
        await Chain.Wal.TransferAsync(deployer, staker.Address, 5_000 * WalrusNetworkFixture.Wal);
        var (before, _) = await Chain.GetEpochAsync();
        await network.SyncAllAsync();

        var position = await Chain.StakeAsync(staker, network.NodeIds[0], 5_000 * WalrusNetworkFixture.Wal);
        await network.NextEpochAsync();
        var (after, state) = await Chain.GetEpochAsync();
        var withdrawEpoch = await Chain.RequestWithdrawStakeAsync(staker, position);
        while ((await Chain.GetEpochAsync()).Epoch < withdrawEpoch)
        {
            await network.NextEpochAsync();
        }

        var paid = await Chain.WithdrawStakeAsync(staker, position);

        Assert.Equal(before.Next(), after);
        Assert.Equal(EpochState.EpochChangeDone, state);
        Assert.True(paid >= 5_000 * WalrusNetworkFixture.Wal);
        Assert.Equal(paid, await Chain.Wal.BalanceOfAsync(staker.Address));
    }

    [Fact]
    public async Task A_node_follows_blob_events_and_resumes_after_a_restart()
    {
        using var user = WalrusNetworkFixture.User();
        var cursorFile = Path.Combine(Directory.CreateTempSubdirectory("walrus-node-cursor-").FullName, "events.json");
        var head = await network.Anvil.Eth.GetBlockNumberAsync(CancellationToken.None);
        var blobs = new List<BlobRegistration> { await NewBlobAsync("follow-1", false), await NewBlobAsync("follow-2", false), await NewBlobAsync("follow-3", false) };
        foreach (var blob in blobs)
        {
            await Chain.ReserveAndRegisterBlobsAsync(user, [blob], 1, await QuoteAsync(1));
        }

        var options = new EventFollowerOptions
        {
            Addresses = [Chain.Deployment.BlobRegistry],
            Topics = [BlobRegistryContract.Events.BlobRegistered.Topic0],
            StartBlock = head + 1,
            ConfirmationDepth = 0,
            UseFinalizedTag = false,
            PollInterval = TimeSpan.FromMilliseconds(10),
            SaveEveryEvents = 1,
        };
        var first = await TakeAsync(new EventFollower(network.Anvil.Eth, new FileEventCursorStore(cursorFile), options), 2);
        var resumed = await TakeAsync(new EventFollower(network.Anvil.Eth, new FileEventCursorStore(cursorFile), options), 2);

        Assert.Equal(blobs.Take(2).Select(b => b.BlobId), first.Select(e => e.BlobId.ToBlobId()));
        Assert.Equal(blobs.Skip(1).Select(b => b.BlobId), resumed.Select(e => e.BlobId.ToBlobId()));
    }

    [Fact]
    public async Task A_payment_above_the_callers_maxCost_is_refused_with_the_typed_error()
    {
        using var user = WalrusNetworkFixture.User();
        var blob = await NewBlobAsync("too expensive", deletable: false);
        var quote = await QuoteAsync(2);

        var error = await Assert.ThrowsAsync<ContractRevertException>(() => Chain.ReserveAndRegisterBlobsAsync(user, [blob], 2, quote - 1));

        Assert.Equal("SystemCostTooHigh", error.ErrorName);
        Assert.Equal(quote, error["cost"]);
        Assert.Equal(quote - 1, error["maxCost"]);
    }

    /// <summary>Storage for <paramref name="epochs"/> epochs plus the write fee of <paramref name="count"/> 1000-byte blobs at the current prices.</summary>
    private async Task<BigInteger> QuoteAsync(uint epochs, int count = 1)
    {
        var encoded = await Chain.BlobRegistry.EncodedSizeAsync(1000);
        return count * (await Chain.System.StorageCostAsync(encoded, epochs) + await Chain.System.WriteCostAsync(encoded));
    }

    private async Task<BlobRegistration> NewBlobAsync(string label, bool deletable)
    {
        var root = Keccak256.HashUtf8(label + Guid.NewGuid());
        const ulong Size = 1000;
        var blobId = await Chain.BlobRegistry.DeriveBlobIdAsync(1, Size, root);
        return new BlobRegistration(blobId.ToBlobId(), root, Size, 1, deletable);
    }

    private static async Task<List<BlobRegistryContract.BlobRegisteredEvent>> TakeAsync(EventFollower follower, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<BlobRegistryContract.BlobRegisteredEvent>();
        await foreach (var log in follower.FollowAsync(timeout.Token))
        {
            Assert.True(BlobRegistryContract.TryDecodeBlobRegistered(log, out var registered));
            events.Add(registered);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }
}
