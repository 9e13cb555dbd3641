using Microsoft.Extensions.Logging.Abstractions;
using Walrus.Core;
using Walrus.StorageNode.Node;
using Walrus.StorageNode.Recovery;

namespace Walrus.StorageNode.Tests;

/// <summary>Self-healing between two in-process nodes on real Kestrel servers and real RocksDB folders.</summary>
public sealed class RecoveryTests
{
    private static IReadOnlyList<CommitteeMemberInfo> Committee(TestNode one, TestNode two) =>
    [
        TestNode.Members[0] with { NetworkAddress = one.Server.BaseAddress.Authority },
        TestNode.Members[1] with { NetworkAddress = two.Server.BaseAddress.Authority },
    ];

    [Fact]
    public async Task A_node_that_missed_a_certified_blob_recovers_it_after_a_restart_from_its_persisted_queue()
    {
        using var blob = new TestBlob(61, size: 6_000);
        var holder = await TestNode.StartAsync(1);
        var missing = await TestNode.StartAsync(2);
        var directory = missing.Directory;
        try
        {
            var committee = Committee(holder, missing);
            holder.Service.ApplyCommittee(new CommitteeView(TestNode.Epoch, TestNode.ShardCount, 1, committee));
            missing.Service.ApplyCommittee(new CommitteeView(TestNode.Epoch, TestNode.ShardCount, 2, committee));
            foreach (var node in new[] { holder, missing })
            {
                node.Register(blob, 61);
            }

            await holder.StoreAllAsync(blob);
            holder.Service.ApplyCertified(blob.BlobId, 61, TestNode.Epoch, 5, false, false, holder.NextEvent());
            missing.Service.ApplyCertified(blob.BlobId, 61, TestNode.Epoch, 5, false, false, missing.NextEvent());
            Assert.Equal([blob.BlobId], missing.Store.RecoveryQueue(10));

            // The node stops before recovering; the queue is in its database.
            await missing.DisposeAsync();
            missing = await TestNode.StartAsync(2, directory);
            committee = Committee(holder, missing);
            holder.Service.ApplyCommittee(new CommitteeView(TestNode.Epoch, TestNode.ShardCount, 1, committee));
            missing.Service.ApplyCommittee(new CommitteeView(TestNode.Epoch, TestNode.ShardCount, 2, committee));
            Assert.Equal([blob.BlobId], missing.Store.RecoveryQueue(10));

            using var http = new HttpClient();
            using var worker = new BlobRecoveryWorker(missing.Service, new PeerClient(http), new StorageNodeOptions(), NullLogger.Instance, TimeProvider.System,
                (_, _, _) => throw new InvalidOperationException("The blob is consistent."));
            Assert.Null(await worker.RecoverAsync(blob.BlobId, CancellationToken.None));

            Assert.Empty(missing.Store.RecoveryQueue(10));
            Assert.True(missing.Store.HasMetadata(blob.BlobId));
            foreach (var shard in missing.OwnedShards)
            {
                var pair = ShardMapping.PairForShard(blob.BlobId, shard, TestNode.ShardCount);
                foreach (var type in new[] { SliverType.Primary, SliverType.Secondary })
                {
                    Assert.Equal(blob.SliverBcs(pair, type), missing.Store.GetSliver(shard, blob.BlobId, type));
                }
            }

            Assert.True(missing.Service.IsFullyStored(blob.BlobId, missing.Service.Committee!));
        }
        finally
        {
            await holder.DestroyAsync();
            await missing.DestroyAsync();
        }
    }

    [Fact]
    public async Task Recovery_without_enough_symbols_reports_why_and_keeps_the_blob_queued()
    {
        using var blob = new TestBlob(62, size: 6_000);
        var holder = await TestNode.StartAsync(1);
        var missing = await TestNode.StartAsync(2);
        try
        {
            var committee = Committee(holder, missing);
            holder.Service.ApplyCommittee(new CommitteeView(TestNode.Epoch, TestNode.ShardCount, 1, committee));
            missing.Service.ApplyCommittee(new CommitteeView(TestNode.Epoch, TestNode.ShardCount, 2, committee));
            holder.Register(blob, 62);
            missing.Register(blob, 62);
            // The holder has only the metadata: nobody can serve symbols.
            using (var response = await holder.PutAsync(Walrus.Core.NodeApi.NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs))
            {
                Assert.Equal(201, (int)response.StatusCode);
            }

            missing.Service.ApplyCertified(blob.BlobId, 62, TestNode.Epoch, 5, false, false, missing.NextEvent());
            using var http = new HttpClient();
            using var worker = new BlobRecoveryWorker(missing.Service, new PeerClient(http), new StorageNodeOptions(), NullLogger.Instance, TimeProvider.System, (_, _, _) => Task.CompletedTask);
            var failure = await worker.RecoverAsync(blob.BlobId, CancellationToken.None);
            Assert.NotNull(failure);
            Assert.Contains("NotEnoughSymbols", failure, StringComparison.Ordinal);
            Assert.Equal([blob.BlobId], missing.Store.RecoveryQueue(10));
            Assert.True(missing.Store.HasMetadata(blob.BlobId));
        }
        finally
        {
            await holder.DestroyAsync();
            await missing.DestroyAsync();
        }
    }
}
