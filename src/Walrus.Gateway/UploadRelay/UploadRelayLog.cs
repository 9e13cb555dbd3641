using Microsoft.Extensions.Logging;
using Walrus.Core;

namespace Walrus.Gateway.UploadRelay;

/// <summary>The upload relay's structured log messages.</summary>
internal static partial class UploadRelayLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Request {RequestId}: relayed blob {BlobId} ({Size} bytes, {Shards} shards confirmed, tip {Tip})")]
    public static partial void Relayed(ILogger logger, string requestId, BlobId blobId, long size, int shards, string tip);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Blob {BlobId}: uploads after the quorum left nodes without everything: {Failures}")]
    public static partial void RemainingFailed(ILogger logger, BlobId blobId, string failures);
}
