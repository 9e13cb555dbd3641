using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Client;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.IntegrationTests.Support;
using Walrus.TestKit.Cluster;

namespace Walrus.IntegrationTests;

/// <summary>
/// A malicious client (built here from Walrus.Chain and NodeClient, not the SDK's store) registers and uploads a blob
/// whose primary sliver 0 does not belong to the encoding: the nodes find out, the blob id ends invalid on chain, and a
/// read reports it invalid instead of returning bytes.
/// </summary>
[Collection(HonestNetwork.Name)]
public sealed class InconsistentEncodingTests(HonestNetworkFixture fixture)
{
    [Fact]
    public async Task An_inconsistently_encoded_blob_ends_invalid_on_chain_and_reads_report_it_invalid()
    {
        var chain = fixture.Client.Chain;
        var (epoch, _) = await chain.GetEpochAsync();
        var committee = await chain.GetCommitteeAsync(epoch);
        var shardCount = committee.ShardCount;
        var config = EncodingConfig.Create(shardCount);
        var data = Blobs.Random(150_000, 51);
        using var honest = new Rs2Encoder(config).Encode(data);

        // Primary sliver 0 with one symbol byte changed, and its hash in the metadata changed to match: the metadata is
        // self-consistent (it hashes to its own blob id) and every uploaded sliver verifies against it, but the secondary
        // slivers still encode the original row 0.
        var original = honest.GetPrimarySliver(new SliverIndex(0));
        var forgedData = original.Symbols.ToArray();
        forgedData[0] ^= 0x5A;
        var forged = new SliverData(SliverType.Primary, original.Index, original.SymbolSize, forgedData);
        var hashes = honest.Metadata.Metadata.Hashes.ToArray();
        hashes[0] = hashes[0] with { PrimaryHash = SliverVerifier.ComputeRoot(forged, config) };
        var metadata = BlobMetadataWithId.FromMetadata(new BlobMetadata(EncodingType.RS2, (ulong)data.Length, hashes));
        var blobId = metadata.BlobId;

        var quote = await chain.QuoteStoreAsync((ulong)data.Length, 2);
        var objectId = (await chain.ReserveAndRegisterBlobsAsync(fixture.Wallet, [BlobRegistration.From(metadata, deletable: false)], 2, quote.Total))[0];

        // Everything goes to every node except the one holding pair 0: it heals its slivers from the others and finds the
        // recovered primary sliver 0 contradicting the metadata.
        var pairZero = ShardMapping.ShardForPair(blobId, new SliverPairIndex(0), shardCount);
        var victim = committee.Members.Single(m => m.Shards.Contains(pairZero));
        var builder = new CertificateBuilder(committee, chain.ConfirmationDigest(epoch, blobId, false, BigInteger.Zero));
        foreach (var member in committee.Members.Where(m => m.NodeId != victim.NodeId))
        {
            var node = fixture.Client.Node(member.NetworkAddress);
            await node.PutMetadataAsync(blobId, metadata.Metadata.ToBcs());
            foreach (var shard in member.Shards)
            {
                var pair = ShardMapping.PairForShard(blobId, shard, shardCount);
                var sliverPair = honest.GetSliverPair(pair);
                await node.PutSliverAsync(blobId, pair, SliverType.Primary, (pair.Value == 0 ? forged : sliverPair.Primary).ToBcs());
                await node.PutSliverAsync(blobId, pair, SliverType.Secondary, sliverPair.Secondary.ToBcs());
            }

            var signed = await node.GetConfirmationAsync(blobId, null, TimeSpan.FromSeconds(60));
            Assert.True(builder.TryAdd(member.NodeId, Signature.FromBytes(signed.Signature)), $"node {member.NodeId}'s confirmation");
        }

        Assert.True(builder.HasQuorum);
        await chain.CertifyBlobAsync(fixture.Wallet, objectId, blobId, false, builder.Build());

        await Poll.UntilAsync(() => chain.BlobRegistry.IsInvalidAsync(blobId.ToHash256()), TimeSpan.FromMinutes(3),
            () => $"{blobId} was not marked invalid\n{fixture.Logs()}");
        var read = await Cli.RunAsync("read", blobId.ToString(), "--config", fixture.ClientConfig);
        Cli.AssertFailsCleanly(read, "invalid");
        Assert.Empty(read.Stdout);
        await Assert.ThrowsAsync<BlobInvalidException>(() => fixture.Client.ReadAsync(blobId, new MemoryStream()));
    }
}
