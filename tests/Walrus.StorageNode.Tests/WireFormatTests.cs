using System.Numerics;
using System.Text.Json;
using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Tests;

/// <summary>Frozen wire values of Core/NodeApi: reasons and their statuses, JSON shapes, message layouts.</summary>
public sealed class WireFormatTests
{
    [Fact]
    public void Reasons_keep_their_http_status()
    {
        var expected = new Dictionary<string, int>
        {
            ["BLOB_NOT_FOUND"] = 404, ["BLOB_NOT_REGISTERED"] = 404, ["METADATA_NOT_FOUND"] = 404, ["SLIVER_NOT_FOUND"] = 404,
            ["BLOB_OBJECT_NOT_FOUND"] = 404, ["BLOB_INVALID"] = 410, ["SHARD_NOT_ASSIGNED"] = 421, ["INVALID_SLIVER"] = 400,
            ["INVALID_METADATA"] = 400, ["MALFORMED_REQUEST"] = 400, ["MALFORMED_BODY"] = 400, ["INVALID_BLOB_ID"] = 400,
            ["INDEX_OUT_OF_RANGE"] = 400, ["INVALID_BLOB_PERSISTENCE"] = 400, ["INVALID_INCONSISTENCY_PROOF"] = 400,
            ["NOT_FULLY_STORED"] = 409, ["PAYLOAD_TOO_LARGE"] = 413, ["BLOB_UNAVAILABLE"] = 503, ["NODE_NOT_READY"] = 503,
            ["UNKNOWN_ENDPOINT"] = 404, ["INTERNAL"] = 500,
        };
        Assert.Equal(expected.Keys.Order(), NodeErrorReason.All.Order());
        Assert.All(expected, kv => Assert.Equal(kv.Value, NodeErrorReason.HttpStatus(kv.Key)));
    }

    [Fact]
    public void The_signed_confirmation_is_base64_json_under_signed()
    {
        var body = new ApiSuccessBody<StorageConfirmation>(new ApiSuccess<StorageConfirmation>(200, new StorageConfirmation(new SignedMessage([1, 2, 3], [4, 5]))));
        Assert.Equal("{\"success\":{\"code\":200,\"data\":{\"signed\":{\"serializedMessage\":\"AQID\",\"signature\":\"BAU=\"}}}}",
            JsonSerializer.Serialize(body, NodeApiJsonContext.Default.ApiSuccessBodyStorageConfirmation));
    }

    [Fact]
    public void The_error_body_is_AIP_193()
    {
        var json = JsonSerializer.Serialize(ApiErrorBody.Create(NodeErrorReason.ShardNotAssigned, "wrong node"), NodeApiJsonContext.Default.ApiErrorBody);
        Assert.Equal("{\"error\":{\"code\":421,\"status\":\"FAILED_PRECONDITION\",\"message\":\"wrong node\",\"details\":[{\"@type\":\"ErrorInfo\",\"reason\":\"SHARD_NOT_ASSIGNED\",\"domain\":\"storage.walrus.space\",\"metadata\":{}}]}}", json);
    }

    [Fact]
    public void Blob_status_variants_round_trip()
    {
        var statuses = new[]
        {
            BlobStatus.Nonexistent,
            new BlobStatus { Kind = BlobStatusKind.Invalid, StatusEvent = new EventId("0x01", 2) },
            new BlobStatus { Kind = BlobStatusKind.Permanent, EndEpoch = 7, IsCertified = true, StatusEvent = new EventId("0x02", 3), DeletableCounts = new DeletableCounts(1, 0), InitialCertifiedEpoch = 4 },
            new BlobStatus { Kind = BlobStatusKind.Deletable, DeletableCounts = new DeletableCounts(2, 1) },
        };
        foreach (var status in statuses)
        {
            var body = new ApiSuccessBody<BlobStatus>(new ApiSuccess<BlobStatus>(200, status));
            var json = JsonSerializer.Serialize(body, NodeApiJsonContext.Default.ApiSuccessBodyBlobStatus);
            Assert.Equal(status, JsonSerializer.Deserialize(json, NodeApiJsonContext.Default.ApiSuccessBodyBlobStatus)!.Success.Data);
        }
    }

    [Fact]
    public void Confirmation_messages_have_the_eip712_layout_and_reject_other_bytes()
    {
        var blobId = new BlobId(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var message = new ConfirmationMessage(0x01020304, blobId, ConfirmationMessage.Deletable, BigInteger.Parse("1000", System.Globalization.CultureInfo.InvariantCulture));
        var bytes = message.Serialize();
        Assert.Equal(160, bytes.Length);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, bytes[60..64]);
        Assert.Equal(blobId.ToArray(), bytes[64..96]);
        Assert.Equal(1, bytes[127]);
        Assert.Equal(new byte[] { 0x03, 0xE8 }, bytes[158..160]);
        Assert.True(ConfirmationMessage.TryParse(bytes, out var parsed));
        Assert.Equal(message, parsed);
        bytes[0] ^= 1;
        Assert.False(ConfirmationMessage.TryParse(bytes, out _));
        Assert.False(ConfirmationMessage.TryParse(bytes.AsSpan(0, 159), out _));
        Assert.False(InvalidBlobMessage.TryParse(new InvalidBlobMessage(3, blobId).Serialize().AsSpan(0, 95), out _));
        Assert.True(InvalidBlobMessage.TryParse(new InvalidBlobMessage(3, blobId).Serialize(), out var invalid));
        Assert.Equal(3u, invalid.Epoch);
    }

    [Fact]
    public void Routes_build_the_paths_the_templates_match()
    {
        var blobId = new BlobId(new byte[32]);
        Assert.Equal($"/v1/blobs/{blobId}/slivers/12/secondary", NodeApiRoutes.SliverPath(blobId, new SliverPairIndex(12), SliverType.Secondary));
        Assert.Equal($"/v1/blobs/{blobId}/decodingSymbols?targetSlivers=1&targetSlivers=5&targetType=primary", NodeApiRoutes.DecodingSymbolsPath(blobId, [new SliverIndex(1), new SliverIndex(5)], SliverType.Primary));
        Assert.True(NodeApiRoutes.TryParseSliverType("secondary", out var type));
        Assert.Equal(SliverType.Secondary, type);
        Assert.False(NodeApiRoutes.TryParseSliverType("Primary", out _));
    }
}
