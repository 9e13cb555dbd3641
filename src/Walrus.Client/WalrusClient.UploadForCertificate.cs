using System.Numerics;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Client.UploadRelay;

namespace Walrus.Client;

/// <summary>Uploading a blob someone else registered and certifies: what an upload relay does.</summary>
public sealed partial class WalrusClient
{
    /// <summary>
    /// Encodes <paramref name="blob"/> (a seekable stream, read in place until <see cref="RelayedCertificate.RemainingUploads"/>
    /// completes), checks that it is <paramref name="blobId"/>, sends metadata and sliver pairs to the current committee
    /// through the same upload path as <see cref="StoreAsync(Stream, StoreOptions?, IProgress{StoreProgress}?, CancellationToken)"/>
    /// and returns the certificate of a quorum of verified confirmations, without certifying (no wallet needed). The
    /// confirmations are for a permanent blob, or for the deletable blob object <paramref name="deletableObjectId"/>.
    /// An epoch change during the upload is followed as a store follows it.
    /// </summary>
    /// <exception cref="BlobIdMismatchException">The bytes are another blob.</exception>
    /// <exception cref="WalrusClientException">Too few nodes confirmed.</exception>
    public async Task<RelayedCertificate> UploadForCertificateAsync(
        Stream blob, BlobId blobId, BigInteger? deletableObjectId, StoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        options ??= new StoreOptions();
        var deletable = deletableObjectId is not null;
        var objectId = deletableObjectId ?? BigInteger.Zero;
        var committee = await GetCommitteeAsync(cancellationToken);
        var encoded = await Task.Run(() => new Rs2Encoder(Config(committee)).EncodeStreaming(blob, null, cancellationToken), cancellationToken);
        Task? uploads = null;
        try
        {
            if (encoded.BlobId != blobId)
            {
                throw new BlobIdMismatchException(blobId, encoded.BlobId);
            }

            for (var epochChanges = 0; ; epochChanges++)
            {
                var builder = new CertificateBuilder(committee, Chain.ConfirmationDigest(committee.Epoch, blobId, deletable, objectId));
                var run = await StartUploadsAsync(encoded, committee, builder, deletableObjectId, epochChanges > 0, options, null, cancellationToken);
                uploads = run.Completion;
                await run.Quorum;
                if (run.HasQuorum)
                {
                    run.BoundRemaining();
                    return new RelayedCertificate(run.Build(), run.Completion);
                }

                var failures = await run.Completion;
                var (now, _) = await Chain.GetEpochAsync(cancellationToken);
                if (now != committee.Epoch && epochChanges < MaxEpochChangesPerStore)
                {
                    committee = await GetCommitteeAsync(cancellationToken);
                    continue;
                }

                throw new WalrusClientException(
                    $"only {run.Weight} of {committee.ShardCount} shards confirmed blob {blobId} in epoch {committee.Epoch.Value}; a quorum needs more. " +
                    $"Failures: {string.Join("; ", failures)}")
                {
                    Failure = WalrusClientFailure.InsufficientConfirmations,
                };
            }
        }
        finally
        {
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
}
