using Microsoft.Extensions.Logging;

namespace Walrus.Gateway;

/// <summary>The gateway's structured log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Walrus gateway listening on {Address} (publisher {Publisher}, aggregator {Aggregator})")]
    public static partial void Listening(ILogger logger, Uri address, bool publisher, bool aggregator);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Request {RequestId} {Method} {Path} answered {Status} {Reason}: {Message}")]
    public static partial void Rejected(ILogger logger, string requestId, string method, string path, int status, string reason, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Request {RequestId} {Method} {Path} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, Exception exception, string requestId, string method, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Request {RequestId}: blob {BlobId} failed after the response started; connection aborted")]
    public static partial void AbortedMidResponse(ILogger logger, Exception exception, string requestId, string blobId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Request {RequestId}: stored blob {BlobId} ({Size} bytes, {Outcome}, cost {Cost})")]
    public static partial void Stored(ILogger logger, string requestId, Walrus.Core.BlobId blobId, long size, Walrus.Client.StoreOutcome outcome, System.Numerics.BigInteger cost);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Blob {BlobId}: {Why}")]
    public static partial void DiskCacheDamaged(ILogger logger, string blobId, string why);
}
