using System.Net;
using System.Numerics;
using System.Text.Json;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.TestKit.Cluster;

namespace Walrus.StorageNode.Tests.Cluster;

/// <summary>Four storage nodes as real processes on a real anvil with the real contracts (in the default run: they take well under a minute).</summary>
public sealed class ClusterTests(TestCluster cluster) : IClassFixture<TestCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private async Task<(BigInteger ObjectId, BlobId Hash)> RegisterAsync(TestBlob blob, bool deletable, uint epochs = 3)
    {
        using var user = TestCluster.User();
        var hash = blob.BlobId;
        var root = blob.Metadata.Metadata.ComputeRootHash().ToHash256();
        var quote = await cluster.Chain.QuoteStoreAsync((ulong)blob.Data.Length, epochs);
        var ids = await cluster.Chain.ReserveAndRegisterBlobsAsync(user, [new BlobRegistration(hash, root, (ulong)blob.Data.Length, 1, deletable)], epochs, quote.Total);
        return (ids[0], hash);
    }

    private static async Task PutAsync(NodeProcess node, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        using var response = await node.Http.PutAsync(path + "?pending=true", content);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Uploads metadata and the member's sliver pairs, then asks for its confirmation (waiting for the registration).</summary>
    private static async Task<Signature> StoreOnAsync(NodeProcess node, CommitteeMember member, TestBlob blob, BigInteger? deletableObject)
    {
        await PutAsync(node, NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs);
        foreach (var pair in blob.PairsOn(member.Shards))
        {
            await PutAsync(node, NodeApiRoutes.SliverPath(blob.BlobId, pair, SliverType.Primary), blob.SliverBcs(pair, SliverType.Primary));
            await PutAsync(node, NodeApiRoutes.SliverPath(blob.BlobId, pair, SliverType.Secondary), blob.SliverBcs(pair, SliverType.Secondary));
        }

        var path = deletableObject is { } objectId
            ? NodeApiRoutes.DeletableConfirmationPath(blob.BlobId, "0x" + objectId.ToString("x", System.Globalization.CultureInfo.InvariantCulture))
            : NodeApiRoutes.PermanentConfirmationPath(blob.BlobId);
        using var response = await node.Http.GetAsync(path + "?wait_for_registration=true&wait_millis=30000");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"confirmation from node {node.NodeId}: {text}");
        var confirmation = JsonSerializer.Deserialize(text, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation)!.Success.Data;
        return Signature.FromBytes(confirmation.Signed.Signature);
    }

    [Fact]
    public async Task A_blob_stored_by_hand_is_certified_with_2f_plus_1_confirmations_and_the_node_that_missed_it_recovers()
    {
        using var blob = new TestBlob(100, size: 20_000, shardCount: TestCluster.Shards);
        var (objectId, hash) = await RegisterAsync(blob, deletable: false);
        var (epoch, _) = await cluster.Chain.GetEpochAsync();
        var committee = await cluster.Chain.GetCommitteeAsync(epoch);
        var skipped = committee.Members.OrderBy(m => m.Weight).First();
        var builder = new CertificateBuilder(committee, cluster.Chain.ConfirmationDigest(epoch, hash, false, BigInteger.Zero));
        foreach (var member in committee.Members.Where(m => m != skipped))
        {
            var signature = await StoreOnAsync(cluster.Node(member.NodeId), member, blob, null);
            Assert.True(builder.TryAdd(member.NodeId, signature), $"node {member.NodeId}'s confirmation does not verify");
        }

        Assert.True(builder.HasQuorum, $"weight {builder.Weight} of {committee.ShardCount}");
        using (var user = TestCluster.User())
        {
            await cluster.Chain.CertifyBlobAsync(user, objectId, hash, false, builder.Build());
        }

        Assert.NotEqual(Epoch.Zero, (await cluster.Chain.GetBlobAsync(objectId)).CertifiedEpoch);

        // The skipped node sees BlobCertified, fetches the metadata and rebuilds its slivers from the others' symbols.
        var node = cluster.Node(skipped.NodeId);
        foreach (var pair in blob.PairsOn(skipped.Shards))
        {
            foreach (var type in new[] { SliverType.Primary, SliverType.Secondary })
            {
                var path = NodeApiRoutes.SliverPath(blob.BlobId, pair, type);
                await Poll.UntilAsync(async () =>
                {
                    using var response = await node.Http.GetAsync(path);
                    return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(blob.SliverBcs(pair, type));
                }, Deadline, () => $"node {skipped.NodeId} did not recover {path}\n{cluster.Logs()}");
            }
        }

        using var status = await node.Http.GetAsync(NodeApiRoutes.BlobStatusPath(blob.BlobId));
        Assert.Contains("\"isCertified\":true", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_blob_is_gone_from_every_node()
    {
        using var blob = new TestBlob(101, size: 5_000, shardCount: TestCluster.Shards);
        var (objectId, hash) = await RegisterAsync(blob, deletable: true);
        var (epoch, _) = await cluster.Chain.GetEpochAsync();
        var committee = await cluster.Chain.GetCommitteeAsync(epoch);
        var builder = new CertificateBuilder(committee, cluster.Chain.ConfirmationDigest(epoch, hash, true, objectId));
        foreach (var member in committee.Members)
        {
            Assert.True(builder.TryAdd(member.NodeId, await StoreOnAsync(cluster.Node(member.NodeId), member, blob, objectId)));
        }

        using (var user = TestCluster.User())
        {
            await cluster.Chain.CertifyBlobAsync(user, objectId, hash, true, builder.Build());
            await cluster.Chain.DeleteBlobAsync(user, objectId);
        }

        foreach (var member in committee.Members)
        {
            var node = cluster.Node(member.NodeId);
            await Poll.UntilAsync(async () =>
            {
                using var response = await node.Http.GetAsync(NodeApiRoutes.MetadataPath(blob.BlobId));
                return response.StatusCode == HttpStatusCode.NotFound;
            }, Deadline, () => $"node {member.NodeId} still serves the deleted blob\n{cluster.Logs()}");
            var pair = blob.PairsOn(member.Shards).First();
            using var sliver = await node.Http.GetAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, SliverType.Primary));
            await TestNode.AssertErrorAsync(sliver, 404, NodeErrorReason.SliverNotFound);
        }
    }

    [Fact]
    public async Task Every_acknowledged_sliver_survives_kill_9_during_a_stream_of_writes()
    {
        var (epoch, _) = await cluster.Chain.GetEpochAsync();
        var committee = await cluster.Chain.GetCommitteeAsync(epoch);
        var member = committee.Members.OrderByDescending(m => m.Weight).First();
        var node = cluster.Node(member.NodeId);
        var blobs = Enumerable.Range(0, 16).Select(i => new TestBlob(200 + i, size: 100_000, shardCount: TestCluster.Shards)).ToList();
        try
        {
            foreach (var blob in blobs)
            {
                await RegisterAsync(blob, deletable: false);
            }

            foreach (var blob in blobs)
            {
                await PutAsync(node, NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs);
            }

            // Wait until the node has seen every registration (the buffered metadata is then stored), so that every write
            // of the stream is one the node accepts.
            foreach (var blob in blobs)
            {
                await Poll.UntilAsync(async () =>
                {
                    using var status = await node.Http.GetAsync(NodeApiRoutes.MetadataStatusPath(blob.BlobId));
                    return (await status.Content.ReadAsStringAsync()).Contains("\"stored\"", StringComparison.Ordinal);
                }, Deadline, () => $"node {node.NodeId} did not see the registration of {blob.BlobId}");
            }

            var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(TestBlob Blob, SliverPairIndex Pair, SliverType Type)>();
            var writes = blobs.SelectMany(b => b.PairsOn(member.Shards).SelectMany(p => new[] { (b, p, SliverType.Primary), (b, p, SliverType.Secondary) })).ToList();
            using var stop = new CancellationTokenSource();
            var threshold = writes.Count / 3;
            var killed = 0;
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = w; i < writes.Count && !stop.IsCancellationRequested; i += 4)
                {
                    var (blob, pair, type) = writes[i];
                    try
                    {
                        using var content = new ByteArrayContent(blob.SliverBcs(pair, type));
                        using var response = await node.Http.PutAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, type), content, stop.Token);
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            acknowledged.Add((blob, pair, type));
                            if (acknowledged.Count >= threshold && Interlocked.Exchange(ref killed, 1) == 0)
                            {
                                // kill -9 while the other writers are in the middle of their requests.
                                node.Kill();
                            }
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            await Task.WhenAll(writers);
            Assert.Equal(1, killed);
            Assert.True(acknowledged.Count < writes.Count, "the kill came after the last write; nothing was tested");

            await node.StartAsync();
            foreach (var (blob, pair, type) in acknowledged)
            {
                var bytes = await node.Http.GetByteArrayAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, type));
                Assert.Equal(blob.SliverBcs(pair, type), bytes);
                Assert.True(Walrus.Core.Encoding.SliverData.TryFromBcs(bytes, type, blob.Config.MaxSliverSize, out var sliver, out _));
                Assert.Equal(Walrus.Core.Encoding.SliverVerificationResult.Valid, Walrus.Core.Encoding.SliverVerifier.Verify(sliver, blob.Metadata.Metadata, blob.Config));
            }
        }
        finally
        {
            foreach (var blob in blobs)
            {
                blob.Dispose();
            }

            if (!node.IsRunning)
            {
                await node.StartAsync();
            }
        }
    }

    [Fact]
    public async Task An_inconsistently_encoded_blob_ends_marked_invalid_on_chain()
    {
        using var blob = new TestBlob(102, size: 8_000, shardCount: TestCluster.Shards);
        // Metadata with a wrong primary hash for pair 0: it hashes to its own blob id (so the chain registers it and the
        // nodes accept it), and every sliver but primary sliver 0 verifies against it.
        var hashes = blob.Metadata.Metadata.Hashes.ToArray();
        hashes[0] = hashes[0] with { PrimaryHash = hashes[1].PrimaryHash };
        var bad = new BlobMetadata(EncodingType.RS2, (ulong)blob.Data.Length, hashes);
        var badId = bad.ComputeBlobId();
        var hash = badId;
        BigInteger objectId;
        using (var user = TestCluster.User())
        {
            var quote = await cluster.Chain.QuoteStoreAsync((ulong)blob.Data.Length, 3);
            objectId = (await cluster.Chain.ReserveAndRegisterBlobsAsync(user, [new BlobRegistration(hash, bad.ComputeRootHash().ToHash256(), (ulong)blob.Data.Length, 1, false)], 3, quote.Total))[0];
        }

        var (epoch, _) = await cluster.Chain.GetEpochAsync();
        var committee = await cluster.Chain.GetCommitteeAsync(epoch);
        var pairZeroShard = ShardMapping.ShardForPair(badId, new SliverPairIndex(0), TestCluster.Shards);
        var victim = committee.Members.Single(m => m.Shards.Contains(pairZeroShard));
        var builder = new CertificateBuilder(committee, cluster.Chain.ConfirmationDigest(epoch, hash, false, BigInteger.Zero));
        foreach (var member in committee.Members.Where(m => m != victim))
        {
            var node = cluster.Node(member.NodeId);
            await PutAsync(node, NodeApiRoutes.MetadataPath(badId), bad.ToBcs());
            foreach (var shard in member.Shards)
            {
                var pair = ShardMapping.PairForShard(badId, shard, TestCluster.Shards);
                await PutAsync(node, NodeApiRoutes.SliverPath(badId, pair, SliverType.Primary), blob.SliverBcs(pair, SliverType.Primary));
                await PutAsync(node, NodeApiRoutes.SliverPath(badId, pair, SliverType.Secondary), blob.SliverBcs(pair, SliverType.Secondary));
            }

            using var response = await node.Http.GetAsync(NodeApiRoutes.PermanentConfirmationPath(badId) + "?wait_for_registration=true&wait_millis=30000");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            var signed = JsonSerializer.Deserialize(text, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation)!.Success.Data.Signed;
            Assert.True(builder.TryAdd(member.NodeId, Signature.FromBytes(signed.Signature)));
        }

        Assert.True(builder.HasQuorum);
        using (var user = TestCluster.User())
        {
            await cluster.Chain.CertifyBlobAsync(user, objectId, hash, false, builder.Build());
        }

        // The victim recovers, finds primary sliver 0 inconsistent, collects f+1 attestations and invalidates the blob id.
        await Poll.UntilAsync(() => cluster.Chain.BlobRegistry.IsInvalidAsync(hash.ToHash256()), Deadline, () => "the blob was not invalidated\n" + cluster.Logs());
        foreach (var member in committee.Members)
        {
            var node = cluster.Node(member.NodeId);
            await Poll.UntilAsync(async () =>
            {
                using var status = await node.Http.GetAsync(NodeApiRoutes.BlobStatusPath(badId));
                return (await status.Content.ReadAsStringAsync()).Contains("\"invalid\"", StringComparison.Ordinal);
            }, Deadline, () => $"node {member.NodeId} did not mark the blob invalid");
            using var metadata = await node.Http.GetAsync(NodeApiRoutes.MetadataPath(badId));
            await TestNode.AssertErrorAsync(metadata, 410, NodeErrorReason.BlobInvalid);
        }
    }

    [Fact]
    public async Task A_blob_past_its_end_epoch_is_dropped_at_the_epoch_boundary_and_the_nodes_attest_the_new_epoch()
    {
        using var expiring = new TestBlob(103, size: 4_000, shardCount: TestCluster.Shards);
        using var lasting = new TestBlob(104, size: 4_000, shardCount: TestCluster.Shards);
        var (epoch, _) = await cluster.Chain.GetEpochAsync();
        var (expiringObject, expiringHash) = await RegisterAsync(expiring, deletable: false, epochs: 1);
        var (lastingObject, lastingHash) = await RegisterAsync(lasting, deletable: false, epochs: 3);
        var committee = await cluster.Chain.GetCommitteeAsync(epoch);
        foreach (var (blob, objectId, hash) in new[] { (expiring, expiringObject, expiringHash), (lasting, lastingObject, lastingHash) })
        {
            var builder = new CertificateBuilder(committee, cluster.Chain.ConfirmationDigest(epoch, hash, false, BigInteger.Zero));
            foreach (var member in committee.Members)
            {
                Assert.True(builder.TryAdd(member.NodeId, await StoreOnAsync(cluster.Node(member.NodeId), member, blob, null)));
            }

            using var user = TestCluster.User();
            await cluster.Chain.CertifyBlobAsync(user, objectId, hash, false, builder.Build());
        }

        using (var deployer = Walrus.TestKit.TestKeys.Anvil(0))
        {
            await cluster.Anvil.IncreaseTimeAsync(TimeSpan.FromSeconds(TestCluster.EpochSeconds / 2));
            await cluster.Chain.VotingEndAsync(deployer);
            await cluster.Anvil.IncreaseTimeAsync(TimeSpan.FromSeconds(TestCluster.EpochSeconds / 2));
            await cluster.Chain.InitiateEpochChangeAsync(deployer);
        }

        // The nodes see EpochChangeStart, attest that they hold their shards (the state becomes EpochChangeDone) and drop
        // the blob whose end epoch has come.
        await Poll.UntilAsync(async () => (await cluster.Chain.GetEpochAsync()).State == EpochState.EpochChangeDone, Deadline,
            () => "the nodes did not attest epoch sync\n" + cluster.Logs());
        foreach (var member in committee.Members)
        {
            var node = cluster.Node(member.NodeId);
            await Poll.UntilAsync(async () =>
            {
                using var response = await node.Http.GetAsync(NodeApiRoutes.MetadataPath(expiring.BlobId));
                return response.StatusCode == HttpStatusCode.NotFound;
            }, Deadline, () => $"node {member.NodeId} still holds the expired blob");
            Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync(NodeApiRoutes.MetadataPath(lasting.BlobId))).StatusCode);
            using var health = await node.Http.GetAsync(NodeApiRoutes.Health);
            Assert.Contains($"\"epoch\":{epoch.Next()}", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
