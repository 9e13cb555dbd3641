using System.Numerics;
using System.Text.Json;
using Walrus.Chain.Services;
using Walrus.Client;
using Walrus.Core;
using Walrus.Gateway.Json;

namespace Walrus.Gateway.Tests;

/// <summary>Walrus's BlobStoreResult JSON from the SDK's StoreResult: the names of every field, camelCase, nulls left out.</summary>
public sealed class StoreResultMappingTests
{
    private static readonly BlobId Blob = BlobId.Parse("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA");

    private static string Json(BlobStoreResponse response) => JsonSerializer.Serialize(response, GatewayJsonContext.Default.BlobStoreResponse);

    private static BlobRecord Record() => new(7, Blob, new Epoch(2), new Epoch(3), new Epoch(2), new Epoch(5), 1234, 1, false, 99_000);

    [Fact]
    public void A_resumed_store_answers_newly_created_with_reuse_registration()
    {
        var result = new StoreResult(Blob, StoreOutcome.Resumed, 7, BigInteger.Zero, new Epoch(5), 1234, 99_000, false, 10);
        var json = Json(StoreResultMapping.ToResponse(result, 3, Record(), null));
        Assert.Equal(
            "{\"newlyCreated\":{\"blobObject\":{\"id\":\"0x0000000000000000000000000000000000000000000000000000000000000007\",\"registeredEpoch\":2," +
            "\"blobId\":\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA\",\"size\":1234,\"encodingType\":\"RS2\",\"certifiedEpoch\":3," +
            "\"storage\":{\"id\":\"0x0000000000000000000000000000000000000000000000000000000000000007\",\"startEpoch\":2,\"endEpoch\":5,\"storageSize\":99000}," +
            "\"deletable\":false},\"resourceOperation\":{\"reuseRegistration\":{\"encodedLength\":99000}},\"cost\":0}}",
            json);
    }

    [Fact]
    public void A_certified_blob_answers_already_certified_with_the_object_or_without_it()
    {
        var result = new StoreResult(Blob, StoreOutcome.AlreadyCertified, null, BigInteger.Zero, new Epoch(9), 1234, 99_000, false, 0);
        Assert.Equal("{\"alreadyCertified\":{\"blobId\":\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA\",\"object\":\"0x" + new string('0', 62) + "2a\",\"endEpoch\":9}}",
            Json(StoreResultMapping.ToResponse(result, 1, null, 42)));
        Assert.Equal("{\"alreadyCertified\":{\"blobId\":\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA\",\"endEpoch\":9}}",
            Json(StoreResultMapping.ToResponse(result, 1, null, null)));
    }
}
