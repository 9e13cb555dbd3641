using System.Numerics;
using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Node;

/// <summary>Storage confirmations.</summary>
public sealed partial class StorageNodeService
{
    public async Task<SignedMessage> ConfirmAsync(BlobId blobId, BigInteger? objectId, TimeSpan waitForRegistration, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var limit = TimeSpan.FromMilliseconds(Math.Min(Math.Max(0, waitForRegistration.TotalMilliseconds), _options.MaxConfirmationWaitMillis));
        while (true)
        {
            var signal = Volatile.Read(ref _registrationSignal).Task;
            var committee = _committee;
            var failure = committee is null
                ? new NodeException(NodeErrorReason.NodeNotReady, "The node has not seen its committee yet.")
                : CheckRegistration(blobId, objectId, committee);
            if (failure is null)
            {
                // Uploads buffered before the registration may still be on their way to the store: store them now.
                FlushPending(blobId);
                if (!IsFullyStored(blobId, committee!))
                {
                    throw new NodeException(NodeErrorReason.NotFullyStored, "The node does not hold every sliver pair of its shards for this blob yet.");
                }

                var message = new ConfirmationMessage(committee!.Epoch, blobId,
                    objectId is null ? ConfirmationMessage.Permanent : ConfirmationMessage.Deletable, objectId ?? BigInteger.Zero);
                _telemetry.Confirmations.Add(1);
                return _signer.Sign(message);
            }

            var remaining = limit - _time.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero || failure.Reason is not (NodeErrorReason.BlobNotRegistered or NodeErrorReason.BlobObjectNotFound or NodeErrorReason.NodeNotReady))
            {
                throw failure;
            }

            if (failure.Reason is NodeErrorReason.BlobNotRegistered or NodeErrorReason.BlobObjectNotFound)
            {
                AwaitingRegistration?.Invoke();
            }

            await Task.WhenAny(signal, Task.Delay(remaining, _time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private NodeException? CheckRegistration(BlobId blobId, BigInteger? objectId, CommitteeView committee)
    {
        var record = _store.GetBlob(blobId);
        if (record is { Invalid: true })
        {
            return new NodeException(NodeErrorReason.BlobInvalid, "The blob id was marked invalid.");
        }

        if (objectId is not { } id)
        {
            return record is { PermanentTotal: > 0 } && record.IsRegisteredIn(committee.Epoch)
                ? null
                : new NodeException(NodeErrorReason.BlobNotRegistered, "No live permanent registration of the blob is known.");
        }

        var blobObject = _store.GetObject(id);
        if (blobObject is null || blobObject.BlobId != blobId)
        {
            return new NodeException(NodeErrorReason.BlobObjectNotFound, "No registration of this blob with this object id is known.");
        }

        if (!blobObject.Deletable)
        {
            return new NodeException(NodeErrorReason.InvalidBlobPersistence, "The blob object is permanent; ask for a permanent confirmation.");
        }

        return blobObject.Deleted || blobObject.EndEpoch <= committee.Epoch
            ? new NodeException(NodeErrorReason.BlobNotRegistered, "The blob object was deleted or has expired.")
            : null;
    }
}
