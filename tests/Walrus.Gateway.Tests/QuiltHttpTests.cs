using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.Quilts;
using Walrus.Gateway.Quilts;

namespace Walrus.Gateway.Tests;

/// <summary>Quilts over real HTTP against the real network (10 shards: up to 6 patches a quilt): PUT /v1/quilts and the patch reads.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class QuiltHttpTests(GatewayCluster gateway)
{
    private static readonly Dictionary<string, byte[]> Files = new(StringComparer.Ordinal)
    {
        ["index.html"] = GatewayCluster.RandomBlob(301, 3000),
        ["logo.png"] = GatewayCluster.RandomBlob(302, 5000),
        ["style.css"] = GatewayCluster.RandomBlob(303, 700),
        ["data/table.bin"] = GatewayCluster.RandomBlob(304, 9000),
        ["empty"] = [],
    };

    private static MultipartFormDataContent Upload(IEnumerable<KeyValuePair<string, byte[]>> files, string? metadata)
    {
        var form = new MultipartFormDataContent();
        foreach (var (identifier, data) in files)
        {
            form.Add(new ByteArrayContent(data), identifier, identifier);
        }

        if (metadata is not null)
        {
            form.Add(new StringContent(metadata), QuiltRoutes.MetadataField);
        }

        return form;
    }

    private async Task<(BlobId QuiltId, Dictionary<string, string> PatchIds)> StoreAsync()
    {
        var metadata = """[{"identifier":"logo.png","tags":{"content-type":"image/png","kind":"image"}},{"identifier":"index.html","tags":{"content-type":"text/html"}}]""";
        using var form = Upload(Files, metadata);
        using var response = await gateway.Http.PutAsync(QuiltRoutes.Quilts + "?epochs=2&quilt_version=V1", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        // The tests share one network: the first store creates the quilt, the later ones find it certified.
        var result = json.RootElement.GetProperty("blobStoreResult");
        var quiltId = BlobId.Parse((result.TryGetProperty("newlyCreated", out var created)
            ? created.GetProperty("blobObject").GetProperty("blobId")
            : result.GetProperty("alreadyCertified").GetProperty("blobId")).GetString()!);
        var patchIds = json.RootElement.GetProperty("storedQuiltBlobs").EnumerateArray()
            .ToDictionary(p => p.GetProperty("identifier").GetString()!, p => p.GetProperty("quiltPatchId").GetString()!, StringComparer.Ordinal);
        return (quiltId, patchIds);
    }

    [Fact]
    public async Task A_quilt_put_as_multipart_reads_back_patch_by_patch_with_its_identifier_and_tags_as_headers()
    {
        var (quiltId, patchIds) = await StoreAsync();
        Assert.Equal(Files.Keys.Order(StringComparer.Ordinal), patchIds.Keys.Order(StringComparer.Ordinal));

        foreach (var (identifier, data) in Files)
        {
            Assert.True(QuiltPatchId.TryParse(patchIds[identifier], out var patchId));
            Assert.Equal(quiltId, patchId.QuiltId);
            using var byId = await gateway.Http.GetAsync(QuiltRoutes.ByPatchIdPath(patchId));
            Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
            Assert.Equal(data, await byId.Content.ReadAsByteArrayAsync());
            Assert.Equal(identifier, Assert.Single(byId.Headers.GetValues(QuiltRoutes.PatchIdentifierHeader)));

            using var byIdentifier = await gateway.Http.GetAsync(QuiltRoutes.ByQuiltIdPath(quiltId, identifier));
            Assert.Equal(HttpStatusCode.OK, byIdentifier.StatusCode);
            Assert.Equal(data, await byIdentifier.Content.ReadAsByteArrayAsync());
        }

        using var logo = await gateway.Http.GetAsync(QuiltRoutes.ByQuiltIdPath(quiltId, "logo.png"));
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.False(logo.Headers.Contains("kind"), "a tag not in the allowed list stays out of the headers");
        using var css = await gateway.Http.GetAsync(QuiltRoutes.ByQuiltIdPath(quiltId, "style.css"));
        Assert.Equal("application/octet-stream", css.Content.Headers.ContentType?.MediaType);

        using var list = await gateway.Http.GetAsync(QuiltRoutes.PatchesPath(quiltId));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var entries = listed.RootElement.EnumerateArray().ToList();
        Assert.Equal(Files.Count, entries.Count);
        Assert.All(entries, e => Assert.Equal(patchIds[e.GetProperty("identifier").GetString()!], e.GetProperty("patch_id").GetString()));
        Assert.Equal("image", entries.Single(e => e.GetProperty("identifier").GetString() == "logo.png").GetProperty("tags").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Patches_read_over_http_with_a_node_holding_their_columns_down()
    {
        var (quiltId, patchIds) = await StoreAsync();
        var committee = await gateway.Client.GetCommitteeAsync();
        var table = QuiltPatchId.Parse(patchIds["data/table.bin"]);
        var pair = table.Patch.SliverPairIndices(EncodingConfig.Create(committee.ShardCount))[0];
        Assert.True(committee.TryGetHolder(ShardMapping.ShardForPair(quiltId, pair, committee.ShardCount), out var victim));
        Assert.True(3 * victim.Weight <= committee.ShardCount, "the stopped node must hold at most f shards");
        var node = gateway.Cluster.Node(victim.NodeId);
        node.Kill();
        try
        {
            foreach (var (identifier, data) in Files)
            {
                using var byId = await gateway.Http.GetAsync(QuiltRoutes.ByPatchIdPath(QuiltPatchId.Parse(patchIds[identifier])));
                Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
                Assert.Equal(data, await byId.Content.ReadAsByteArrayAsync());
                using var byIdentifier = await gateway.Http.GetAsync(QuiltRoutes.ByQuiltIdPath(quiltId, identifier));
                Assert.Equal(data, await byIdentifier.Content.ReadAsByteArrayAsync());
            }
        }
        finally
        {
            await node.StartAsync();
        }
    }

    [Fact]
    public async Task Bad_quilt_requests_answer_4xx_with_a_reason()
    {
        var (quiltId, _) = await StoreAsync();

        using var unknown = await gateway.Http.GetAsync(QuiltRoutes.ByQuiltIdPath(quiltId, "no-such-file"));
        await GatewayAssert.ErrorAsync(unknown, HttpStatusCode.NotFound, QuiltRoutes.PatchNotFound);
        using var malformed = await gateway.Http.GetAsync("/v1/blobs/by-quilt-patch-id/not-a-patch-id");
        await GatewayAssert.ErrorAsync(malformed, HttpStatusCode.BadRequest, GatewayErrorReason.MalformedRequest);
        using var nowhere = await gateway.Http.GetAsync(QuiltRoutes.ByPatchIdPath(new QuiltPatchId(quiltId, new QuiltPatchInternalId(0, 1))));
        await GatewayAssert.ErrorAsync(nowhere, HttpStatusCode.NotFound, QuiltRoutes.PatchNotFound);
        using var unstored = await gateway.Http.GetAsync(QuiltRoutes.PatchesPath(BlobId.Parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
        await GatewayAssert.ErrorAsync(unstored, HttpStatusCode.NotFound, GatewayErrorReason.BlobNotFound);

        using var raw = new ByteArrayContent([1, 2, 3]);
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var notMultipart = await gateway.Http.PutAsync(QuiltRoutes.Quilts, raw);
        await GatewayAssert.ErrorAsync(notMultipart, HttpStatusCode.BadRequest, GatewayErrorReason.MalformedRequest);

        using var v2Form = Upload([KeyValuePair.Create("a", new byte[] { 1 })], null);
        using var v2 = await gateway.Http.PutAsync(QuiltRoutes.Quilts + "?quilt_version=V2", v2Form);
        await GatewayAssert.ErrorAsync(v2, HttpStatusCode.BadRequest, GatewayErrorReason.MalformedRequest);

        using var strayForm = Upload([KeyValuePair.Create("a", new byte[] { 1 })], """[{"identifier":"b","tags":{}}]""");
        using var stray = await gateway.Http.PutAsync(QuiltRoutes.Quilts, strayForm);
        await GatewayAssert.ErrorAsync(stray, HttpStatusCode.BadRequest, GatewayErrorReason.MalformedRequest);

        using var tooManyForm = Upload(Enumerable.Range(0, 7).Select(i => KeyValuePair.Create("f" + i, new byte[] { (byte)i })), null);
        using var tooMany = await gateway.Http.PutAsync(QuiltRoutes.Quilts, tooManyForm);
        await GatewayAssert.ErrorAsync(tooMany, HttpStatusCode.BadRequest, GatewayErrorReason.MalformedRequest);
    }
}
