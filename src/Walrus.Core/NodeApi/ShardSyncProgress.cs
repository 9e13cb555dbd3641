using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// How far a gained shard (<c>inTransfer</c> or <c>inRecovery</c>) is: blobs of the hand-over that have both slivers of
/// the shard, and sliver bytes received from the previous owner; the totals once the node knows the blobs to receive
/// (after it synced their metadata), else null.
/// </summary>
public sealed record ShardSyncProgress(
    [property: JsonPropertyName("fromNodeId")] uint FromNodeId,
    [property: JsonPropertyName("blobsDone")] long BlobsDone,
    [property: JsonPropertyName("blobsTotal")] long? BlobsTotal,
    [property: JsonPropertyName("bytesDone")] long BytesDone,
    [property: JsonPropertyName("bytesTotal")] long? BytesTotal);
