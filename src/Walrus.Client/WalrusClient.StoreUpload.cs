using System.Numerics;
using System.Threading.Channels;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>Sending a blob's metadata and sliver pairs to the committee and collecting signed confirmations.</summary>
public sealed partial class WalrusClient
{
    /// <summary>
    /// Starts uploading to every member in parallel (per-node queues fed by one streaming encoder, bounded bytes in
    /// flight); each valid confirmation goes into <paramref name="builder"/>. The returned run's quorum task completes
    /// once the builder has a quorum or every upload has ended; its completion task once every upload has ended. Once a
    /// quorum is in, members still uploading are not asked for a confirmation (the certificate no longer needs it).
    /// </summary>
    private async Task<UploadRun> StartUploadsAsync(
        StreamingEncodedBlob encoded, Committee committee, CertificateBuilder builder, BigInteger? deletableObjectId, bool resume,
        StoreOptions options, IProgress<StoreProgress>? progress, CancellationToken cancellationToken)
    {
        var blobId = encoded.BlobId;
        var n = committee.ShardCount;
        var metadataBcs = encoded.Metadata.Metadata.ToBcs();
        var members = committee.Members;
        var pairsOf = new List<SliverPairIndex>[members.Count];
        var memberOfPair = new int[n];
        for (var i = 0; i < members.Count; i++)
        {
            pairsOf[i] = [];
            foreach (var shard in members[i].Shards)
            {
                var pair = ShardMapping.PairForShard(blobId, shard, n);
                pairsOf[i].Add(pair);
                memberOfPair[pair.Value] = i;
            }
        }

        if (resume)
        {
            // Sliver status first: only what a node lacks is sent again.
            await Task.WhenAll(Enumerable.Range(0, members.Count).Select(async i =>
            {
                var node = Node(members[i].NetworkAddress);
                var missing = new List<SliverPairIndex>();
                foreach (var pair in pairsOf[i])
                {
                    try
                    {
                        if (await node.GetSliverStatusAsync(blobId, pair, SliverType.Primary, cancellationToken) != StoredOnNodeStatus.Stored
                            || await node.GetSliverStatusAsync(blobId, pair, SliverType.Secondary, cancellationToken) != StoredOnNodeStatus.Stored)
                        {
                            missing.Add(pair);
                        }
                    }
                    catch (Exception e) when (IsNodeFailure(e, cancellationToken))
                    {
                        missing.Add(pair);
                    }
                }

                pairsOf[i] = missing;
            }));
        }

        var pairBytes = (long)SliverData.BcsLength(encoded.PrimarySliverLength) + SliverData.BcsLength(encoded.SecondarySliverLength);
        var capacity = (int)Math.Clamp(options.MaxBytesInFlight / Math.Max(1, pairBytes) / Math.Max(1, members.Count), 1, 1024);
        var budget = new ByteBudget(Math.Max(1, options.MaxBytesInFlight));

        // Pairs ready for a node go out together, up to this many bytes per request (at least one pair). Pairs larger than
        // that can never be grouped: they go as two concurrent single-sliver PUTs, which the node verifies in parallel
        // (measured: a 1 GiB store on 7 nodes / 300 shards, 16 MB pairs: 56 s this way, 79-94 s as one-pair batches).
        var batchBytes = Math.Min(MaxSliverBatchBytes, options.MaxBytesInFlight / Math.Max(1, members.Count) / Math.Max(1, options.RequestsPerNode));
        var groupPairs = pairBytes <= batchBytes;
        var queues = new Channel<PairUpload>[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            queues[i] = Channel.CreateBounded<PairUpload>(new BoundedChannelOptions(capacity) { SingleWriter = true });
        }

        var toSend = pairsOf.SelectMany(p => p).OrderBy(p => p.Value).ToArray();
        var total = toSend.Length * pairBytes;
        long uploaded = 0;
        var nodeUploaded = new long[members.Count];
        progress?.Report(new StoreProgress("uploading", 0, total));
        var failures = new List<string>();
        var gate = new Lock();
        var quorum = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var producer = Task.Run(() =>
        {
            try
            {
                if (toSend.Length > 0)
                {
                    encoded.ForEachSliverPair(toSend, view =>
                    {
                        // Room first: the bytes queued and in flight to all nodes together stay within the budget.
                        var taken = budget.Take(pairBytes, stop.Token);
                        var primary = new PooledBuffer(SliverData.BcsLength(view.Primary.Length));
                        var secondary = new PooledBuffer(SliverData.BcsLength(view.Secondary.Length));
                        view.WritePrimaryBcs(primary);
                        view.WriteSecondaryBcs(secondary);
                        var item = new PairUpload(view.Index, primary, secondary, budget, taken);
                        var queue = queues[memberOfPair[view.Index.Value]].Writer;
                        if (!queue.TryWrite(item))
                        {
                            try
                            {
                                // Back-pressure: the encoder waits for the node's queue (bounded bytes in flight).
                                queue.WriteAsync(item, stop.Token).AsTask().GetAwaiter().GetResult();
                            }
                            catch
                            {
                                item.Dispose();
                                throw;
                            }
                        }
                    });
                }
            }
            finally
            {
                foreach (var queue in queues)
                {
                    queue.Writer.TryComplete();
                }
            }
        }, stop.Token);

        async Task MemberAsync(int i)
        {
            var member = members[i];
            var node = Node(member.NetworkAddress);
            string? failure = null;
            var batchRouteMissing = false;

            // All the ready pairs in one request; a node without the batch route gets one PUT per sliver from then on.
            async Task SendPairsAsync(List<PairUpload> batch)
            {
                if (groupPairs && !Volatile.Read(ref batchRouteMissing))
                {
                    var slivers = new SliverUpload[batch.Count * 2];
                    for (var k = 0; k < batch.Count; k++)
                    {
                        slivers[2 * k] = new SliverUpload(batch[k].Pair, SliverType.Primary, batch[k].Primary.Memory);
                        slivers[(2 * k) + 1] = new SliverUpload(batch[k].Pair, SliverType.Secondary, batch[k].Secondary.Memory);
                    }

                    try
                    {
                        await WithRetriesAsync(() => node.PutSliversAsync(blobId, slivers, true, stop.Token), stop.Token);
                        return;
                    }
                    catch (NodeApiException e) when (NodeClient.IsBatchRouteMissing(e))
                    {
                        Volatile.Write(ref batchRouteMissing, true);
                    }
                }

                foreach (var item in batch)
                {
                    // Both slivers of the pair at once: the node commits concurrent writes in one synced group.
                    await Task.WhenAll(
                        WithRetriesAsync(() => node.PutSliverAsync(blobId, item.Pair, SliverType.Primary, item.Primary.Memory, true, stop.Token), stop.Token),
                        WithRetriesAsync(() => node.PutSliverAsync(blobId, item.Pair, SliverType.Secondary, item.Secondary.Memory, true, stop.Token), stop.Token));
                }
            }

            try
            {
                try
                {
                    if (!resume || await SafeStatusAsync(() => node.GetMetadataStatusAsync(blobId, stop.Token)) != StoredOnNodeStatus.Stored)
                    {
                        await WithRetriesAsync(() => node.PutMetadataAsync(blobId, metadataBcs, true, stop.Token), stop.Token);
                    }
                }
                catch (Exception e) when (IsNodeFailure(e, stop.Token))
                {
                    failure = $"node {member.NodeId} ({member.NetworkAddress}) metadata: {e.Message}";
                }

                var workers = Enumerable.Range(0, Math.Max(1, options.RequestsPerNode)).Select(async _ =>
                {
                    var reader = queues[i].Reader;
                    var batch = new List<PairUpload>();
                    while (await reader.WaitToReadAsync(stop.Token))
                    {
                        TakeBatch(reader, batch, batchBytes);
                        try
                        {
                            if (batch.Count == 0 || Volatile.Read(ref failure) is not null)
                            {
                                continue; // Drain: a failed node must not stall the encoder.
                            }

                            try
                            {
                                await SendPairsAsync(batch);
                                long bytes = 0;
                                foreach (var item in batch)
                                {
                                    bytes += item.Bytes;
                                }

                                var done = Interlocked.Add(ref uploaded, bytes);
                                var nodeDone = Interlocked.Add(ref nodeUploaded[i], bytes);
                                progress?.Report(new StoreProgress("uploading", done, total)
                                {
                                    NodeId = member.NodeId, NodeBytesUploaded = nodeDone, NodeBytesTotal = pairsOf[i].Count * pairBytes,
                                });
                            }
                            catch (Exception e) when (IsNodeFailure(e, stop.Token))
                            {
                                var pairs = batch.Count == 1 ? $"sliver pair {batch[0].Pair.Value}" : $"sliver pairs {batch[0].Pair.Value} and {batch.Count - 1} more";
                                Interlocked.CompareExchange(ref failure, $"node {member.NodeId} ({member.NetworkAddress}) {pairs}: {e.Message}", null);
                            }
                        }
                        finally
                        {
                            foreach (var item in batch)
                            {
                                item.Dispose();
                            }

                            batch.Clear();
                        }
                    }
                }).ToList();
                await Task.WhenAll(workers);
                if (failure is null && !quorum.Task.IsCompleted)
                {
                    try
                    {
                        progress?.Report(new StoreProgress("confirming", Interlocked.Read(ref uploaded), total)
                        {
                            NodeId = member.NodeId, NodeBytesUploaded = Interlocked.Read(ref nodeUploaded[i]), NodeBytesTotal = pairsOf[i].Count * pairBytes,
                        });
                        var signed = await node.GetConfirmationAsync(blobId, deletableObjectId, options.ConfirmationWait, stop.Token);
                        var reached = false;
                        var ok = signed.Signature.Length == Signature.Length && AddSignature(builder, gate, member.NodeId, Signature.FromBytes(signed.Signature), out reached);
                        failure = ok ? null : $"node {member.NodeId} ({member.NetworkAddress}): its confirmation is not signed by its registered key";
                        if (ok && reached)
                        {
                            quorum.TrySetResult();
                        }
                    }
                    catch (Exception e) when (IsNodeFailure(e, stop.Token))
                    {
                        failure = $"node {member.NodeId} ({member.NetworkAddress}) confirmation: {e.Message}";
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failure = $"node {member.NodeId} ({member.NetworkAddress}): uploads still unfinished after {options.RemainingUploadsTimeout} past the quorum";
            }

            if (failure is not null)
            {
                lock (gate)
                {
                    failures.Add(failure);
                }
            }
        }

        var memberTasks = Enumerable.Range(0, members.Count).Select(MemberAsync).ToList();

        async Task<IReadOnlyList<string>> CompleteAsync()
        {
            try
            {
                try
                {
                    await Task.WhenAll(memberTasks);
                    await producer;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // The remaining uploads ran out of time after the quorum: the member tasks named what is missing.
                }
                catch
                {
                    await stop.CancelAsync();
                    throw;
                }

                lock (gate)
                {
                    return [.. failures];
                }
            }
            finally
            {
                quorum.TrySetResult();
                stop.Dispose();
            }
        }

        return new UploadRun(quorum.Task, CompleteAsync(), stop, options.RemainingUploadsTimeout, builder, gate);
    }

    /// <summary>The most sliver bytes one upload request carries.</summary>
    private const long MaxSliverBatchBytes = 8L << 20;

    /// <summary>
    /// Takes the pairs that are ready in <paramref name="reader"/> into <paramref name="batch"/>, as many as fit in
    /// <paramref name="maxBytes"/> and at least one.
    /// </summary>
    private static void TakeBatch(ChannelReader<PairUpload> reader, List<PairUpload> batch, long maxBytes)
    {
        long bytes = 0;
        while (reader.TryPeek(out var next) && (batch.Count == 0 || bytes + next.Bytes <= maxBytes) && reader.TryRead(out var item))
        {
            batch.Add(item);
            bytes += item.Bytes;
        }
    }

    /// <summary>Uploads under way: <see cref="Quorum"/> completes at a quorum (or when all ended), <see cref="Completion"/> when all ended.</summary>
    private sealed class UploadRun(
        Task quorum, Task<IReadOnlyList<string>> completion, CancellationTokenSource stop, TimeSpan remainingTimeout, CertificateBuilder builder, Lock gate)
    {
        /// <summary>Whether the confirmations so far make a quorum.</summary>
        public bool HasQuorum
        {
            get
            {
                lock (gate)
                {
                    return builder.HasQuorum;
                }
            }
        }

        /// <summary>Shards confirmed so far.</summary>
        public int Weight
        {
            get
            {
                lock (gate)
                {
                    return builder.Weight;
                }
            }
        }

        /// <summary>The certificate of the confirmations so far (late confirmations may still arrive meanwhile).</summary>
        public Certificate Build()
        {
            lock (gate)
            {
                return builder.Build();
            }
        }

        public Task Quorum { get; } = quorum;

        /// <summary>The failures, once every upload ended (or was stopped after the bound).</summary>
        public Task<IReadOnlyList<string>> Completion { get; } = completion;

        /// <summary>From now on the uploads still running have <c>remainingTimeout</c> to finish; then they are stopped.</summary>
        public void BoundRemaining()
        {
            try
            {
                stop.CancelAfter(remainingTimeout);
            }
            catch (ObjectDisposedException)
            {
                // Everything ended already.
            }
        }
    }
}
