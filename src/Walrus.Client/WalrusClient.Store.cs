using System.Numerics;
using System.Threading.Channels;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>Storing blobs.</summary>
public sealed partial class WalrusClient
{
    private const int PutAttempts = 3;

    /// <summary>Stores a file (streamed from disk, never held whole). See <see cref="StoreAsync(Stream, StoreOptions?, IProgress{StoreProgress}?, CancellationToken)"/>.</summary>
    public Task<StoreResult> StoreAsync(string path, StoreOptions? options = null, IProgress<StoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return StoreCoreAsync(encoder => encoder.EncodeStreaming(path), options ?? new StoreOptions(), progress, cancellationToken);
    }

    /// <summary>Stores bytes.</summary>
    public Task<StoreResult> StoreAsync(byte[] blob, StoreOptions? options = null, IProgress<StoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return StoreCoreAsync(encoder => encoder.EncodeStreaming(new MemoryStream(blob, writable: false), null, cancellationToken), options ?? new StoreOptions(), progress, cancellationToken);
    }

    /// <summary>
    /// Stores a blob read from <paramref name="stream"/> (a seekable stream is read in place; another is buffered):
    /// answers "already certified" without paying when the blob id is certified until at least the wanted end epoch
    /// (unless <see cref="StoreOptions.Force"/>); resumes the caller's own uncertified registration of the same blob id
    /// without paying again, re-sending only what nodes lack; else quotes, refuses a quote above
    /// <see cref="StoreOptions.MaxCost"/>, registers paying at most the quote, uploads metadata and every sliver pair to
    /// its node (per-node queues, bounded bytes in flight), checks each node's signed confirmation against its
    /// registered key and certifies with 2f+1 shards.
    /// </summary>
    /// <exception cref="WalrusClientException">Too few nodes confirmed, or the quote exceeds the maximum cost.</exception>
    /// <exception cref="BlobInvalidException">The blob id is marked invalid on chain.</exception>
    public Task<StoreResult> StoreAsync(Stream stream, StoreOptions? options = null, IProgress<StoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return StoreCoreAsync(encoder => encoder.EncodeStreaming(stream, null, cancellationToken), options ?? new StoreOptions(), progress, cancellationToken);
    }

    /// <summary>The blob id, encoded size and cost of storing a file for <paramref name="epochs"/> epochs, without paying or uploading.</summary>
    public async Task<StoreQuote> QuoteAsync(string path, uint epochs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var config = Config(await GetCommitteeAsync(cancellationToken));
        var metadata = await Task.Run(() => new Rs2Encoder(config).ComputeMetadata(path), cancellationToken);
        var size = metadata.Metadata.UnencodedLength;
        var cost = await Chain.QuoteStoreAsync(size, epochs, cancellationToken);
        return new StoreQuote(metadata.BlobId, size, config.GetEncodedLength((long)size), cost);
    }

    private async Task<StoreResult> StoreCoreAsync(Func<Rs2Encoder, StreamingEncodedBlob> encode, StoreOptions options, IProgress<StoreProgress>? progress, CancellationToken cancellationToken)
    {
        var wallet = _wallet ?? throw new InvalidOperationException("Storing needs a wallet: create the client with one.");
        if (options.Epochs == 0)
        {
            throw new ArgumentException("A blob is stored for at least one epoch.", nameof(options));
        }

        var requestsBefore = NodeRequestCount;
        var committee = await GetCommitteeAsync(cancellationToken);
        var config = Config(committee);
        progress?.Report(new StoreProgress("encoding", 0, 0));
        using var encoded = await Task.Run(() => encode(new Rs2Encoder(config)), cancellationToken);
        var blobId = encoded.BlobId;
        var size = (ulong)encoded.UnencodedLength;
        var encodedSize = config.GetEncodedLength(encoded.UnencodedLength);
        var epoch = committee.Epoch;

        if (await Chain.BlobRegistry.IsInvalidAsync(blobId.ToHash256(), cancellationToken: cancellationToken))
        {
            throw new BlobInvalidException(blobId, "it is marked invalid on chain");
        }

        // Already certified long enough: a certified permanent blob (anyone's), or a certified blob object of the caller's.
        var wantedEnd = epoch.Add(options.Epochs);
        var objects = await FindBlobObjectsAsync(blobId, cancellationToken);
        if (!options.Force)
        {
            var certified = await Chain.BlobRegistry.IsBlobCertifiedAsync(blobId.ToHash256(), cancellationToken: cancellationToken);
            var owned = objects.Where(o => o.Owner == wallet.Address && o.Record.CertifiedEpoch is not null && o.Record.EndEpoch >= wantedEnd)
                .OrderByDescending(o => o.Record.EndEpoch.Value).Select(o => o.Record).FirstOrDefault();
            if (owned is not null)
            {
                return new StoreResult(blobId, StoreOutcome.AlreadyCertified, owned.ObjectId, BigInteger.Zero, owned.EndEpoch, size, encodedSize, owned.Deletable, NodeRequestCount - requestsBefore);
            }

            if (certified.Certified && certified.EndEpoch >= wantedEnd.Value)
            {
                return new StoreResult(blobId, StoreOutcome.AlreadyCertified, null, BigInteger.Zero, new Epoch(certified.EndEpoch), size, encodedSize, false, NodeRequestCount - requestsBefore);
            }
        }

        // Resume: the caller's own registration of this blob id, not certified and not expired, is finished, not paid again.
        var mine = objects.Where(o => o.Owner == wallet.Address && o.Record.CertifiedEpoch is null && o.Record.Deletable == options.Deletable && o.Record.EndEpoch > epoch)
            .OrderByDescending(o => o.Record.EndEpoch.Value).Select(o => o.Record).FirstOrDefault();
        BigInteger objectId;
        BigInteger cost = BigInteger.Zero;
        Epoch endEpoch;
        StoreOutcome outcome;
        if (mine is not null)
        {
            objectId = mine.ObjectId;
            endEpoch = mine.EndEpoch;
            outcome = StoreOutcome.Resumed;
        }
        else
        {
            var quote = await Chain.QuoteStoreAsync(size, options.Epochs, cancellationToken);
            if (options.MaxCost is { } max && quote.Total > max)
            {
                throw new WalrusClientException($"storing {size} bytes for {options.Epochs} epochs costs {quote.Total} FROST, above the maximum of {max} FROST");
            }

            progress?.Report(new StoreProgress("registering", 0, encodedSize));
            await Chain.ApproveWalAsync(wallet, quote.Total, cancellationToken);
            var before = await GetWalBalanceAsync(wallet.Address, cancellationToken);
            var ids = await Chain.ReserveAndRegisterBlobsAsync(wallet, [BlobRegistration.From(encoded.Metadata, options.Deletable)], options.Epochs, quote.Total, cancellationToken);
            objectId = ids[0];
            cost = before - await GetWalBalanceAsync(wallet.Address, cancellationToken);
            endEpoch = wantedEnd;
            outcome = StoreOutcome.NewlyCreated;
        }

        var builder = new CertificateBuilder(committee, Chain.ConfirmationDigest(epoch, blobId, options.Deletable, objectId));
        var failures = await UploadAndConfirmAsync(encoded, committee, builder, options.Deletable ? objectId : null, resume: outcome == StoreOutcome.Resumed, options, progress, cancellationToken);
        if (!builder.HasQuorum)
        {
            throw new WalrusClientException(
                $"only {builder.Weight} of {committee.ShardCount} shards confirmed blob {blobId} (object {objectId}); a quorum needs more. " +
                $"Run the store again to resume without paying. Failures: {string.Join("; ", failures)}");
        }

        progress?.Report(new StoreProgress("certifying", encodedSize, encodedSize));
        await Chain.CertifyBlobAsync(wallet, objectId, blobId, options.Deletable, builder.Build(), cancellationToken);
        return new StoreResult(blobId, outcome, objectId, cost, endEpoch, size, encodedSize, options.Deletable, NodeRequestCount - requestsBefore);
    }

    /// <summary>Uploads to every member in parallel and adds each valid confirmation to <paramref name="builder"/>; returns the failures.</summary>
    private async Task<List<string>> UploadAndConfirmAsync(
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
        var queues = new Channel<PairUpload>[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            queues[i] = Channel.CreateBounded<PairUpload>(new BoundedChannelOptions(capacity) { SingleWriter = true });
        }

        var toSend = pairsOf.SelectMany(p => p).OrderBy(p => p.Value).ToArray();
        var total = toSend.Length * pairBytes;
        long uploaded = 0;
        progress?.Report(new StoreProgress("uploading", 0, total));
        var failures = new List<string>();
        var gate = new Lock();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() =>
        {
            try
            {
                if (toSend.Length > 0)
                {
                    encoded.ForEachSliverPair(toSend, view =>
                    {
                        var primary = new PooledBuffer(SliverData.BcsLength(view.Primary.Length));
                        var secondary = new PooledBuffer(SliverData.BcsLength(view.Secondary.Length));
                        view.WritePrimaryBcs(primary);
                        view.WriteSecondaryBcs(secondary);
                        var item = new PairUpload(view.Index, primary, secondary);
                        var queue = queues[memberOfPair[view.Index.Value]].Writer;
                        if (!queue.TryWrite(item))
                        {
                            // Back-pressure: the encoder waits for the node's queue (bounded bytes in flight).
                            queue.WriteAsync(item, stop.Token).AsTask().GetAwaiter().GetResult();
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

        var memberTasks = Enumerable.Range(0, members.Count).Select(async i =>
        {
            var member = members[i];
            var node = Node(member.NetworkAddress);
            string? failure = null;
            try
            {
                if (!resume || await SafeStatusAsync(() => node.GetMetadataStatusAsync(blobId, stop.Token)) != StoredOnNodeStatus.Stored)
                {
                    await WithRetriesAsync(() => node.PutMetadataAsync(blobId, metadataBcs, true, stop.Token), stop.Token);
                }
            }
            catch (Exception e) when (IsNodeFailure(e, cancellationToken))
            {
                failure = $"node {member.NodeId} ({member.NetworkAddress}) metadata: {e.Message}";
            }

            var workers = Enumerable.Range(0, Math.Max(1, options.RequestsPerNode)).Select(async _ =>
            {
                await foreach (var item in queues[i].Reader.ReadAllAsync(stop.Token))
                {
                    using (item)
                    {
                        if (Volatile.Read(ref failure) is not null)
                        {
                            continue; // Drain: a failed node must not stall the encoder.
                        }

                        try
                        {
                            await WithRetriesAsync(() => node.PutSliverAsync(blobId, item.Pair, SliverType.Primary, item.Primary.Memory, true, stop.Token), stop.Token);
                            await WithRetriesAsync(() => node.PutSliverAsync(blobId, item.Pair, SliverType.Secondary, item.Secondary.Memory, true, stop.Token), stop.Token);
                            var done = Interlocked.Add(ref uploaded, item.Bytes);
                            progress?.Report(new StoreProgress("uploading", done, total));
                        }
                        catch (Exception e) when (IsNodeFailure(e, cancellationToken))
                        {
                            Interlocked.CompareExchange(ref failure, $"node {member.NodeId} ({member.NetworkAddress}) sliver pair {item.Pair.Value}: {e.Message}", null);
                        }
                    }
                }
            }).ToList();
            await Task.WhenAll(workers);
            if (failure is null)
            {
                try
                {
                    var signed = await node.GetConfirmationAsync(blobId, deletableObjectId, options.ConfirmationWait, stop.Token);
                    var ok = signed.Signature.Length == Signature.Length && AddSignature(builder, gate, member.NodeId, Signature.FromBytes(signed.Signature));
                    failure = ok ? null : $"node {member.NodeId} ({member.NetworkAddress}): its confirmation is not signed by its registered key";
                }
                catch (Exception e) when (IsNodeFailure(e, cancellationToken))
                {
                    failure = $"node {member.NodeId} ({member.NetworkAddress}) confirmation: {e.Message}";
                }
            }

            if (failure is not null)
            {
                lock (gate)
                {
                    failures.Add(failure);
                }
            }
        }).ToList();

        try
        {
            await Task.WhenAll(memberTasks.Append(producer));
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }

        return failures;
    }

    private static bool AddSignature(CertificateBuilder builder, Lock gate, uint nodeId, Signature signature)
    {
        lock (gate)
        {
            return builder.TryAdd(nodeId, signature);
        }
    }

    private static async Task<StoredOnNodeStatus> SafeStatusAsync(Func<Task<StoredOnNodeStatus>> status)
    {
        try
        {
            return await status();
        }
        catch (Exception e) when (e is HttpRequestException or NodeApiException)
        {
            return StoredOnNodeStatus.Nonexistent;
        }
    }

    private static async Task WithRetriesAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (NodeApiException e) when (attempt < PutAttempts && (int)e.StatusCode is 503 or 500 or 409)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (HttpRequestException) when (attempt < PutAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }

    private static bool IsNodeFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or NodeApiException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
