using System.Numerics;
using Walrus.Chain.Services;
using Walrus.Client;
using Walrus.Core;
using Walrus.Gateway.Json;

namespace Walrus.Gateway;

/// <summary>
/// Maps the SDK's <see cref="StoreResult"/> (and the blob object read back from the chain) to Walrus's
/// <c>BlobStoreResult</c> JSON.
/// </summary>
public static class StoreResultMapping
{
    /// <summary>
    /// The answer of a store: <c>newlyCreated</c> for <see cref="StoreOutcome.NewlyCreated"/> (resource operation
    /// <c>registerFromScratch</c>) and <see cref="StoreOutcome.Resumed"/> (<c>reuseRegistration</c>), with the blob object
    /// <paramref name="blobObject"/>; <c>alreadyCertified</c> for <see cref="StoreOutcome.AlreadyCertified"/>, naming
    /// <paramref name="certifiedObjectId"/> (the object that certifies it) when known.
    /// </summary>
    public static BlobStoreResponse ToResponse(StoreResult result, uint epochsAhead, BlobRecord? blobObject, BigInteger? certifiedObjectId)
    {
        ArgumentNullException.ThrowIfNull(result);
        var encodedLength = (ulong)result.EncodedSize;
        switch (result.Outcome)
        {
            case StoreOutcome.AlreadyCertified:
                return new BlobStoreResponse(AlreadyCertified: new AlreadyCertifiedResponse(
                    result.BlobId.ToString(), null, certifiedObjectId is { } id ? ObjectIdText(id) : null, result.EndEpoch.Value));
            case StoreOutcome.NewlyCreated or StoreOutcome.Resumed:
                if (blobObject is null)
                {
                    throw new ArgumentNullException(nameof(blobObject), "A new or resumed store has a blob object.");
                }

                var operation = Operation(result.ResourceOperation, result.Outcome, encodedLength, epochsAhead);
                return new BlobStoreResponse(NewlyCreated: new NewlyCreatedResponse(BlobObject(blobObject), operation, checked((ulong)result.Cost)));
            default:
                throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Unknown store outcome.");
        }
    }

    /// <summary>
    /// Walrus's <c>resourceOperation</c> from the one the store reports; without one (an SDK result built elsewhere), a new
    /// store bought storage from scratch and a resumed one reused its registration.
    /// </summary>
    public static ResourceOperationResponse Operation(ResourceOperation? operation, StoreOutcome outcome, ulong encodedLength, uint epochsAhead) => operation switch
    {
        RegisterFromScratch r => new ResourceOperationResponse(RegisterFromScratch: new RegisterFromScratchResponse((ulong)r.EncodedLength, r.EpochsAhead)),
        ReuseStorage r => new ResourceOperationResponse(ReuseStorage: new EncodedLengthResponse((ulong)r.EncodedLength)),
        ReuseRegistration r => new ResourceOperationResponse(ReuseRegistration: new EncodedLengthResponse((ulong)r.EncodedLength)),
        ReuseAndExtend r => new ResourceOperationResponse(ReuseAndExtend: new ReuseAndExtendResponse((ulong)r.EncodedLength, r.EpochsExtended)),
        ReuseAndExtendNonCertified r => new ResourceOperationResponse(ReuseAndExtendNonCertified: new ReuseAndExtendResponse((ulong)r.EncodedLength, r.EpochsExtended)),
        _ => outcome == StoreOutcome.NewlyCreated
            ? new ResourceOperationResponse(RegisterFromScratch: new RegisterFromScratchResponse(encodedLength, epochsAhead))
            : new ResourceOperationResponse(ReuseRegistration: new EncodedLengthResponse(encodedLength)),
    };

    /// <summary>A blob object as Walrus's <c>blobObject</c>.</summary>
    public static BlobObjectResponse BlobObject(BlobRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = ObjectIdText(record.ObjectId);
        return new BlobObjectResponse(
            id,
            record.RegisteredEpoch.Value,
            record.BlobId.ToString(),
            record.Size,
            EncodingTypeName(record.EncodingType),
            record.CertifiedEpoch?.Value,
            new StorageResponse(id, record.StartEpoch.Value, record.EndEpoch.Value, record.StorageSize),
            record.Deletable);
    }

    /// <summary>An object (token) id as 0x and 64 lower-case hex digits.</summary>
    public static string ObjectIdText(BigInteger objectId) => NodeClient.ObjectIdHex(objectId);

    /// <summary>Walrus's name of an encoding type ("RS2").</summary>
    public static string EncodingTypeName(byte encodingType) =>
        encodingType == (byte)EncodingType.RS2 ? "RS2" : "Unknown" + encodingType.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
