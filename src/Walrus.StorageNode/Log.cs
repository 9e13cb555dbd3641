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

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Called {Transition} (epoch {Epoch})")]
    public static partial void CrankCalled(ILogger logger, string transition, uint epoch);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "{Transition} not called: {Why}")]
    public static partial void CrankSkipped(ILogger logger, string transition, string why);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Epoch change to {Epoch}: gains shards [{Gained}], loses shards [{Lost}]")]
    public static partial void MigrationStarted(ILogger logger, uint epoch, string gained, string lost);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Shard {Shard} {Type} slivers synced from node {Peer}: {Slivers} slivers, {Bytes} bytes")]
    public static partial void ShardTypeSynced(ILogger logger, ushort shard, string type, uint peer, long slivers, long bytes);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Shard {Shard}: sync from node {Peer} failed {Failures} times ({Why}); rebuilding it through recovery")]
    public static partial void ShardToRecovery(ILogger logger, ushort shard, uint peer, int failures, string why);

    [LoggerMessage(EventId = 25, Level = LogLevel.Debug, Message = "Shard {Shard}: sync request to node {Peer} failed: {Why}")]
    public static partial void ShardSyncFailed(ILogger logger, ushort shard, uint peer, string why);

    [LoggerMessage(EventId = 26, Level = LogLevel.Information, Message = "Shard {Shard} complete for epoch {Epoch}")]
    public static partial void ShardComplete(ILogger logger, ushort shard, uint epoch);

    [LoggerMessage(EventId = 27, Level = LogLevel.Information, Message = "Every shard of epoch {Epoch} held; epoch sync attested")]
    public static partial void SyncAttested(ILogger logger, uint epoch);

    [LoggerMessage(EventId = 28, Level = LogLevel.Information, Message = "Locked shard {Shard} handed over (epoch change {Epoch} done); its data is deleted")]
    public static partial void ShardDropped(ILogger logger, ushort shard, uint epoch);

    [LoggerMessage(EventId = 29, Level = LogLevel.Warning, Message = "Shard migration step failed; retrying")]
    public static partial void MigrationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Epoch {Epoch}: every gained shard complete {Millis} ms after EpochChangeStart; {Slivers} slivers, {Bytes} bytes received from previous owners")]
    public static partial void MigrationComplete(ILogger logger, uint epoch, long millis, long slivers, long bytes);
}
