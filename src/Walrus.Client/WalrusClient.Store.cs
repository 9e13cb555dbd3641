using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Abi;
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

    /// <summary>Epoch changes a store follows (new confirmations and certificate each time) before giving up.</summary>
    private const int MaxEpochChangesPerStore = 2;

    /// <summary>Stores a file (streamed from disk, never held whole). See <see cref="StoreAsync(Stream, StoreOptions?, IProgress{StoreProgress}?, CancellationToken)"/>.</summary>
    public Task<StoreResult> StoreAsync(string path, StoreOptions? options = null, IProgress<StoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return StoreCoreAsync(encoder => encoder.EncodeStreaming(path), options ?? new StoreOptions(), progress, cancellationToken, openRaw: RawFile(path));
    }

    /// <summary>Stores bytes.</summary>
    public Task<StoreResult> StoreAsync(byte[] blob, StoreOptions? options = null, IProgress<StoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return StoreCoreAsync(encoder => encoder.EncodeStreaming(new MemoryStream(blob, writable: false), null, cancellationToken), options ?? new StoreOptions(), progress, cancellationToken, openRaw: RawBytes(blob));
    }

    /// <summary>
    /// Stores a blob read from <paramref name="stream"/> (a seekable stream is read in place; another is buffered):
    /// answers "already certified" without paying when the blob id is certified until at least the wanted end epoch
    /// (unless <see cref="StoreOptions.Force"/>); resumes the caller's own uncertified registration of the same blob id
    /// without paying for it again, re-sending only what nodes lack (one that ends before the wanted end is extended after
    /// certifying, paying only the added epochs, quoted and checked against <see cref="StoreOptions.MaxCost"/> before
    /// any upload); else quotes, refuses a quote above
    /// <see cref="StoreOptions.MaxCost"/>, registers paying at most the quote, uploads metadata and every sliver pair to
    /// its node (per-node queues, bounded bytes in flight), checks each node's signed confirmation against its
    /// registered key and certifies with 2f+1 shards.
    /// </summary>
    /// <exception cref="WalrusClientException">Too few nodes confirmed, or the quote exceeds the maximum cost.</exception>
    /// <exception cref="BlobInvalidException">The blob id is marked invalid on chain.</exception>
    public Task<StoreResult> StoreAsync(Stream stream, StoreOptions? options = null, IProgress<StoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return StoreCoreAsync(encoder => encoder.EncodeStreaming(stream, null, cancellationToken), options ?? new StoreOptions(), progress, cancellationToken, openRaw: RawStream(stream, options));
    }

    /// <summary>The blob id, encoded size and cost of storing a file for <paramref name="epochs"/> epochs, without paying or uploading.</summary>
    public Task<StoreQuote> QuoteAsync(string path, uint epochs, CancellationToken cancellationToken = default) =>
        QuoteAsync(path, new StoreOptions { Epochs = epochs }, cancellationToken);

    /// <summary>
    /// The blob id, encoded size and cost of storing a file as <paramref name="options"/> say (<see cref="StoreOptions.Epochs"/>,
    /// <see cref="StoreOptions.EndEpoch"/> or <see cref="StoreOptions.EarliestExpiryTime"/>, converted to epochs as a store
    /// does), without paying or uploading. The cost is that of new storage (an owned reservation or registration may make
    /// the store itself cheaper).
    /// </summary>
    public async Task<StoreQuote> QuoteAsync(string path, StoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        var committee = await GetCommitteeAsync(cancellationToken);
        var config = Config(committee);
        var epochsAhead = await EpochsAheadAsync(options, committee.Epoch, cancellationToken);
        if (epochsAhead == 0)
        {
            throw new ArgumentException("A blob is stored for at least one epoch.", nameof(options));
        }

        var metadata = await Task.Run(() => new Rs2Encoder(config).ComputeMetadata(path), cancellationToken);
        var size = metadata.Metadata.UnencodedLength;
        var cost = await Chain.QuoteStoreAsync(size, epochsAhead, cancellationToken);
        return new StoreQuote(metadata.BlobId, size, config.GetEncodedLength((long)size), cost);
    }

    /// <summary>The blob id a file encodes to on this network (its shard count), read from disk in place.</summary>
    public async Task<BlobId> ComputeBlobIdAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var config = Config(await GetCommitteeAsync(cancellationToken));
        var metadata = await Task.Run(() => new Rs2Encoder(config).ComputeMetadata(path), cancellationToken);
        return metadata.BlobId;
    }

    private async Task<StoreResult> StoreCoreAsync(
        Func<Rs2Encoder, StreamingEncodedBlob> encode, StoreOptions options, IProgress<StoreProgress>? progress, CancellationToken cancellationToken, BatchRegistration? batch = null, RawBlobOpener? openRaw = null)
    {
        var wallet = _wallet ?? throw new InvalidOperationException("Storing needs a wallet: create the client with one.");
        if (options.Epochs == 0 && options.EndEpoch is null && options.EarliestExpiryTime is null)
        {
            throw new ArgumentException("A blob is stored for at least one epoch.", nameof(options));
        }

        if (options.EndEpoch is not null && options.EarliestExpiryTime is not null)
        {
            throw new ArgumentException("Give an end epoch or an earliest expiry time, not both.", nameof(options));
        }

        var requestsBefore = NodeRequestCount;
        var committee = await GetCommitteeAsync(cancellationToken);
        var config = Config(committee);
        progress?.Report(new StoreProgress("encoding", 0, 0));
        var encoded = await Task.Run(() => encode(new Rs2Encoder(config)), cancellationToken);
        Task? uploads = null;
        try
        {
            return await StoreEncodedAsync(encoded, committee, config, wallet, options, progress, requestsBefore, started => uploads = started, batch, cancellationToken, openRaw);
        }
        finally
        {
            // The encoder feeds the uploads that go on after the quorum: it is released when they end.
            if (uploads is null)
            {
                encoded.Dispose();
            }
            else
            {
                _ = uploads.ContinueWith(_ => encoded.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task<StoreResult> StoreEncodedAsync(
        StreamingEncodedBlob encoded, Committee committee, EncodingConfig config, PrivateKey wallet, StoreOptions options, IProgress<StoreProgress>? progress,
        long requestsBefore, Action<Task> uploadsStarted, BatchRegistration? batch, CancellationToken cancellationToken, RawBlobOpener? openRaw = null)
    {
        var blobId = encoded.BlobId;
        var size = (ulong)encoded.UnencodedLength;
        var encodedSize = config.GetEncodedLength(encoded.UnencodedLength);
        var epoch = committee.Epoch;
        var relayTip = options.UploadRelay is null ? BigInteger.Zero : await QuoteRelayTipAsync(options, encoded.UnencodedLength, config, openRaw, cancellationToken);

        if (await Chain.BlobRegistry.IsInvalidAsync(blobId.ToHash256(), cancellationToken: cancellationToken))
        {
            throw new BlobInvalidException(blobId, "it is marked invalid on chain");
        }

        // Already certified long enough: a certified permanent blob (anyone's), or a certified blob object of the caller's.
        var epochsAhead = await EpochsAheadAsync(options, epoch, cancellationToken);
        var wantedEnd = epoch.Add(epochsAhead);
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

            // The caller's certified object that ends too early: extended to the wanted end, nothing uploaded or registered.
            if (ShortOwnedCertified(objects, wallet.Address, options.Deletable, epoch, wantedEnd) is { } shortOwned)
            {
                return await ReuseAndExtendAsync(shortOwned, wallet, wantedEnd, size, encodedSize, options, progress, requestsBefore, cancellationToken);
            }
        }

        // Resume: the caller's own registration of this blob id, not certified and not expired (the latest ending), is
        // finished, not paid again.
        var mine = objects.Where(o => o.Owner == wallet.Address && o.Record.CertifiedEpoch is null && o.Record.Deletable == options.Deletable && o.Record.EndEpoch > epoch)
            .OrderByDescending(o => o.Record.EndEpoch.Value).Select(o => o.Record).FirstOrDefault();
        BigInteger objectId;
        BigInteger cost = BigInteger.Zero;
        PendingExtension? extension = null;
        Epoch endEpoch;
        StoreOutcome outcome;
        ResourceOperation operation;
        if (mine is not null && batch is { } registered && registered.ObjectId == mine.ObjectId)
        {
            // Registered (and paid) a moment ago with the other files of the same call: nothing on the nodes yet.
            objectId = mine.ObjectId;
            endEpoch = mine.EndEpoch;
            outcome = StoreOutcome.NewlyCreated;
            cost = registered.Cost;
            operation = registered.Operation;
        }
        else if (mine is not null)
        {
            objectId = mine.ObjectId;
            outcome = StoreOutcome.Resumed;
            if (mine.EndEpoch < wantedEnd)
            {
                // Ends too early: reused as it is, extended after certifying; the extension is quoted (and refused
                // above the maximum cost) now, before any upload.
                extension = await QuoteResumeExtensionAsync(mine, wantedEnd, options, cancellationToken);
                endEpoch = wantedEnd;
                operation = new ReuseAndExtendNonCertified(encodedSize, extension.Epochs);
            }
            else
            {
                endEpoch = mine.EndEpoch;
                operation = new ReuseRegistration(encodedSize);
            }
        }
        else
        {
            var quote = await Chain.QuoteStoreAsync(size, epochsAhead, cancellationToken);
            var reservation = options.ReuseOwnedStorage ? await FindFittingStorageAsync(wallet.Address, epoch, wantedEnd, encodedSize, cancellationToken) : null;
            var price = reservation is null ? quote.Total : quote.WriteCost;
            if (options.MaxCost is { } max && price > max)
            {
                throw new WalrusClientException($"storing {size} bytes for {epochsAhead} epochs costs {price} FROST, above the maximum of {max} FROST");
            }

            progress?.Report(new StoreProgress("registering", 0, encodedSize));
            await Chain.ApproveWalAsync(wallet, price, cancellationToken);
            var before = await GetWalBalanceAsync(wallet.Address, cancellationToken);
            var registration = BlobRegistration.From(encoded.Metadata, options.Deletable);
            if (reservation is not null)
            {
                // An owned reservation that covers the wanted epochs and size: only the write fee is paid.
                objectId = (await Chain.RegisterBlobsAsync(wallet, [reservation.TokenId], [registration], price, cancellationToken))[0];
                endEpoch = reservation.EndEpoch;
                operation = new ReuseStorage(encodedSize);
            }
            else
            {
                objectId = (await Chain.ReserveAndRegisterBlobsAsync(wallet, [registration], epochsAhead, price, cancellationToken))[0];
                endEpoch = wantedEnd;
                operation = new RegisterFromScratch(encodedSize, epochsAhead);
            }

            cost = before - await GetWalBalanceAsync(wallet.Address, cancellationToken);
            outcome = StoreOutcome.NewlyCreated;
        }

        Task<IReadOnlyList<string>> remaining;
        if (options.UploadRelay is null)
        {
            remaining = (await UploadAndCertifyAsync(encoded, committee, wallet, objectId, options, progress, outcome == StoreOutcome.Resumed, uploadsStarted, cancellationToken)).Completion;
        }
        else
        {
            cost += await StoreThroughRelayAsync(encoded, openRaw!, committee, wallet, objectId, relayTip, options, progress, cancellationToken);
            remaining = Task.FromResult<IReadOnlyList<string>>([]);
        }

        if (extension is not null)
        {
            cost += await ExtendCertifiedAsync(extension, wallet, progress, cancellationToken);
        }

        if (options.SendObjectTo is { } recipient && recipient != wallet.Address)
        {
            await Chain.BlobRegistry.TransferFromAsync(wallet, wallet.Address, recipient, objectId, cancellationToken);
        }

        return new StoreResult(blobId, outcome, objectId, cost, endEpoch, size, encodedSize, options.Deletable, NodeRequestCount - requestsBefore)
        {
            RemainingUploads = remaining,
            ResourceOperation = operation,
            Owner = options.SendObjectTo ?? wallet.Address,
        };
    }

    /// <summary>
    /// Uploads to <paramref name="committee"/>, collects a quorum of confirmations and certifies. When the epoch changes
    /// meanwhile (the nodes sign confirmations for the new epoch, or the chain refuses the certificate as built for the
    /// old one: certifyBlob takes only a certificate of the current epoch, signed by that epoch's committee), the new
    /// committee is fetched, each of its nodes is sent only what it lacks (sliver status first), and confirmations for the
    /// new epoch are collected; the registration stays the same blob object, nothing is paid again. At most
    /// <see cref="MaxEpochChangesPerStore"/> epoch changes are followed.
    /// </summary>
    private async Task<UploadRun> UploadAndCertifyAsync(
        StreamingEncodedBlob encoded, Committee committee, PrivateKey wallet, BigInteger objectId, StoreOptions options, IProgress<StoreProgress>? progress,
        bool resume, Action<Task> uploadsStarted, CancellationToken cancellationToken)
    {
        var blobId = encoded.BlobId;
        var encodedSize = Config(committee).GetEncodedLength(encoded.UnencodedLength);
        for (var epochChanges = 0; ; epochChanges++)
        {
            var builder = new CertificateBuilder(committee, Chain.ConfirmationDigest(committee.Epoch, blobId, options.Deletable, objectId));
            var run = await StartUploadsAsync(encoded, committee, builder, options.Deletable ? objectId : null, resume || epochChanges > 0, options, progress, cancellationToken);
            uploadsStarted(run.Completion);
            await run.Quorum;
            if (!run.HasQuorum)
            {
                var failures = await run.Completion;
                var (now, _) = await Chain.GetEpochAsync(cancellationToken);
                if (now != committee.Epoch && epochChanges < MaxEpochChangesPerStore)
                {
                    // Confirmations signed for another epoch do not verify against this one's digest: start over in the new one.
                    committee = await GetCommitteeAsync(cancellationToken);
                    continue;
                }

                throw new WalrusClientException(
                    $"only {run.Weight} of {committee.ShardCount} shards confirmed blob {blobId} (object {objectId}) in epoch {committee.Epoch.Value}; a quorum needs more" +
                    (now != committee.Epoch ? $" (the epoch changed {epochChanges + 1} times during the store; now {now.Value})" : "") +
                    $". Run the store again to resume without paying. Failures: {string.Join("; ", failures)}")
                {
                    Failure = WalrusClientFailure.InsufficientConfirmations,
                };
            }

            // Certify at the quorum; the nodes still uploading finish in the background, within the bound.
            run.BoundRemaining();
            progress?.Report(new StoreProgress("certifying", encodedSize, encodedSize));
            try
            {
                await Chain.CertifyBlobAsync(wallet, objectId, blobId, options.Deletable, run.Build(), cancellationToken);
                return run;
            }
            catch (ContractRevertException e) when (e.ErrorName is "BlobRegistryWrongEpoch" or "SystemWrongEpoch")
            {
                if (epochChanges >= MaxEpochChangesPerStore)
                {
                    throw new WalrusClientException(
                        $"blob {blobId} (object {objectId}): the epoch changed {epochChanges + 1} times during the store, each certificate came too late. " +
                        "Run the store again to resume without paying.", e);
                }

                // The encoder serves one upload run at a time: let this one end (it is bounded) before the next starts.
                await run.Completion;
                committee = await GetCommitteeAsync(cancellationToken);
            }
        }
    }

    private static bool AddSignature(CertificateBuilder builder, Lock gate, uint nodeId, Signature signature, out bool quorum)
    {
        lock (gate)
        {
            var added = builder.TryAdd(nodeId, signature);
            quorum = builder.HasQuorum;
            return added;
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
