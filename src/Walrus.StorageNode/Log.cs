using Microsoft.Extensions.Logging;

namespace Walrus.StorageNode;

/// <summary>The node's structured log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Storage node listening on {Address}, signing address {Signer}")]
    public static partial void Listening(ILogger logger, Uri address, string signer);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Epoch {Epoch}: {Shards} shards of {ShardCount} owned by node {NodeId}")]
    public static partial void EpochChanged(ILogger logger, uint epoch, int shards, int shardCount, uint nodeId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Blob {BlobId} registered (object {ObjectId}, end epoch {EndEpoch}, deletable {Deletable})")]
    public static partial void BlobRegistered(ILogger logger, Walrus.Core.BlobId blobId, System.Numerics.BigInteger objectId, uint endEpoch, bool deletable);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Blob {BlobId} certified in epoch {Epoch}")]
    public static partial void BlobCertified(ILogger logger, Walrus.Core.BlobId blobId, uint epoch);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Blob {BlobId} data dropped: {Why}")]
    public static partial void BlobDropped(ILogger logger, Walrus.Core.BlobId blobId, string why);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Blob {BlobId} marked invalid in epoch {Epoch}")]
    public static partial void BlobInvalid(ILogger logger, Walrus.Core.BlobId blobId, uint epoch);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Request rejected: {Reason} {Message}")]
    public static partial void Rejected(ILogger logger, string reason, string message);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Unexpected failure, trace {TraceId}")]
    public static partial void Unexpected(ILogger logger, Exception exception, string traceId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Event processing failed; retrying in {DelayMs} ms")]
    public static partial void EventLoopFailed(ILogger logger, Exception exception, int delayMs);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Recovered {Count} slivers of blob {BlobId}")]
    public static partial void Recovered(ILogger logger, int count, Walrus.Core.BlobId blobId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Recovery of blob {BlobId} failed: {Why}; retrying in {DelayMs} ms")]
    public static partial void RecoveryFailed(ILogger logger, Walrus.Core.BlobId blobId, string why, int delayMs);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Blob {BlobId} is inconsistently encoded ({Type} sliver {Index}); collecting invalid-blob attestations")]
    public static partial void Inconsistent(ILogger logger, Walrus.Core.BlobId blobId, string type, int index);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Pending upload of blob {BlobId} dropped: {Why}")]
    public static partial void PendingDropped(ILogger logger, Walrus.Core.BlobId blobId, string why);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Blob {BlobId} invalidated on chain with {Signers} signers")]
    public static partial void Invalidated(ILogger logger, Walrus.Core.BlobId blobId, int signers);
}
