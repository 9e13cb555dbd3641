using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Client;

/// <summary>Storing many files with one registration transaction.</summary>
public sealed partial class WalrusClient
{
    /// <summary>
    /// Stores files (each streamed from disk) as <c>walrus store a b c</c> does: every file that needs a new registration
    /// is registered in one transaction (one payment of at most the summed quote, within <see cref="StoreOptions.MaxCost"/>
    /// per file), then each is uploaded and certified in turn. Files already certified long enough, files with an
    /// unfinished registration of the wallet (resumed without paying) and files that fit an owned reservation take the
    /// single-file path. Interrupted and run again, the registrations are found on chain and finished without paying twice.
    /// Results are in input order; a file repeated in the list is registered once. A file that fails (its quote above the
    /// maximum cost, its blob marked invalid, too few confirmations...) does not stop the others: once every file was
    /// tried, a <see cref="StoreManyException"/> gives each file's result or error.
    /// </summary>
    /// <exception cref="StoreManyException">Some files failed; the others were stored (await their remaining uploads).</exception>
    public async Task<IReadOnlyList<StoreResult>> StoreManyAsync(
        IReadOnlyList<string> paths, StoreOptions? options = null, IProgress<StoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new StoreOptions();
        var wallet = _wallet ?? throw new InvalidOperationException("Storing needs a wallet: create the client with one.");
        var committee = await GetCommitteeAsync(cancellationToken);
        var config = Config(committee);
        var epoch = committee.Epoch;
        var epochsAhead = await EpochsAheadAsync(options, epoch, cancellationToken);
        var wantedEnd = epoch.Add(epochsAhead);

        // Which files need a new registration: blob ids first (a metadata pass over each file).
        progress?.Report(new StoreProgress("encoding", 0, 0));
        var toRegister = new List<(BlobMetadataWithId Metadata, CostQuote Quote)>();
        var blobIds = new Dictionary<string, BlobId>(StringComparer.Ordinal);
        var failed = new Dictionary<string, Exception>(StringComparer.Ordinal);
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var metadata = await Task.Run(() => new Rs2Encoder(config).ComputeMetadata(path), cancellationToken);
                blobIds[path] = metadata.BlobId;
                if (toRegister.Any(r => r.Metadata.BlobId == metadata.BlobId) || !await NeedsRegistrationAsync(metadata, config, epoch, wantedEnd, options, cancellationToken))
                {
                    continue;
                }

                var quote = await Chain.QuoteStoreAsync(metadata.Metadata.UnencodedLength, epochsAhead, cancellationToken);
                if (options.MaxCost is { } max && quote.Total > max)
                {
                    throw new WalrusClientException($"storing {path} ({metadata.Metadata.UnencodedLength} bytes) for {epochsAhead} epochs costs {quote.Total} FROST, above the maximum of {max} FROST");
                }

                toRegister.Add((metadata, quote));
            }
            catch (Exception e) when (IsFileFailure(e, cancellationToken))
            {
                failed[path] = e;
            }
        }

        var batch = new Dictionary<BlobId, BatchRegistration>();
        if (toRegister.Count > 1)
        {
            progress?.Report(new StoreProgress("registering", 0, 0));
            var total = toRegister.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Quote.Total);
            await Chain.ApproveWalAsync(wallet, total, cancellationToken);
            var ids = await Chain.ReserveAndRegisterBlobsAsync(wallet, [.. toRegister.Select(r => BlobRegistration.From(r.Metadata, options.Deletable))], epochsAhead, total, cancellationToken);
            for (var i = 0; i < toRegister.Count; i++)
            {
                var (metadata, quote) = toRegister[i];
                batch[metadata.BlobId] = new BatchRegistration(ids[i], quote.Total, new RegisterFromScratch(config.GetEncodedLength((long)metadata.Metadata.UnencodedLength), epochsAhead));
            }
        }

        var done = new Dictionary<string, StoreResult>(StringComparer.Ordinal);
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            if (failed.ContainsKey(path))
            {
                continue;
            }

            try
            {
                // The single-file path finds the batch registration as the wallet's own uncertified one.
                var registered = blobIds.TryGetValue(path, out var blobId) && batch.TryGetValue(blobId, out var r) ? r : null;
                var fileProgress = progress is null ? null : new PathProgress(progress, path);
                done[path] = await StoreCoreAsync(encoder => encoder.EncodeStreaming(path), options, fileProgress, cancellationToken, registered, RawFile(path));
            }
            catch (Exception e) when (IsFileFailure(e, cancellationToken))
            {
                failed[path] = e;
            }
        }

        if (failed.Count > 0)
        {
            throw new StoreManyException(paths, [.. paths.Select(p => done.GetValueOrDefault(p))], [.. paths.Select(p => failed.GetValueOrDefault(p))]);
        }

        return [.. paths.Select(p => done[p])];
    }

    /// <summary>Whether <paramref name="e"/> stops only one file of many (anything but the caller's cancellation).</summary>
    private static bool IsFileFailure(Exception e, CancellationToken cancellationToken) =>
        e is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    /// <summary>Whether a file must be registered anew (not certified long enough, no own registration to resume, no owned reservation that fits).</summary>
    private async Task<bool> NeedsRegistrationAsync(BlobMetadataWithId metadata, EncodingConfig config, Epoch epoch, Epoch wantedEnd, StoreOptions options, CancellationToken cancellationToken)
    {
        var wallet = _wallet!;
        var blobId = metadata.BlobId;
        if (await Chain.BlobRegistry.IsInvalidAsync(blobId.ToHash256(), cancellationToken: cancellationToken))
        {
            return false; // The single-file path reports it.
        }

        var objects = await FindBlobObjectsAsync(blobId, cancellationToken);
        if (!options.Force)
        {
            if (objects.Any(o => o.Owner == wallet.Address && o.Record.CertifiedEpoch is not null && o.Record.EndEpoch >= wantedEnd))
            {
                return false;
            }

            var certified = await Chain.BlobRegistry.IsBlobCertifiedAsync(blobId.ToHash256(), cancellationToken: cancellationToken);
            if (certified.Certified && certified.EndEpoch >= wantedEnd.Value)
            {
                return false;
            }

            if (ShortOwnedCertified(objects, wallet.Address, options.Deletable, epoch, wantedEnd) is not null)
            {
                return false; // The single-file path extends it.
            }
        }

        if (objects.Any(o => o.Owner == wallet.Address && o.Record.CertifiedEpoch is null && o.Record.Deletable == options.Deletable && o.Record.EndEpoch > epoch))
        {
            return false;
        }

        var encodedSize = config.GetEncodedLength((long)metadata.Metadata.UnencodedLength);
        return !options.ReuseOwnedStorage || await FindFittingStorageAsync(wallet.Address, epoch, wantedEnd, encodedSize, cancellationToken) is null;
    }

    /// <summary>Stamps each report of one file's store with its path.</summary>
    private sealed class PathProgress(IProgress<StoreProgress> inner, string path) : IProgress<StoreProgress>
    {
        public void Report(StoreProgress value) => inner.Report(value with { Path = path });
    }

    /// <summary>A registration made for a file by <see cref="StoreManyAsync"/>: its object, its share of the payment, what was bought.</summary>
    private sealed record BatchRegistration(BigInteger ObjectId, BigInteger Cost, ResourceOperation Operation);
}
