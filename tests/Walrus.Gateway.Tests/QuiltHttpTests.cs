using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
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

    [Fact]
    public async Task Head_on_both_patch_routes_answers_the_get_headers_without_a_body_and_without_the_patch_data()
    {
        var (quiltId, patchIds) = await StoreAsync();
        var logoId = QuiltPatchId.Parse(patchIds["logo.png"]);
        foreach (var path in new[] { QuiltRoutes.ByPatchIdPath(logoId), QuiltRoutes.ByQuiltIdPath(quiltId, "logo.png") })
        {
            using var get = await gateway.Http.GetAsync(path);
            using var head = await gateway.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(Files["logo.png"].Length, head.Content.Headers.ContentLength);
            Assert.Equal("image/png", head.Content.Headers.ContentType?.MediaType);
            Assert.Equal("\"" + logoId + "\"", head.Headers.ETag?.ToString());
            Assert.Equal("logo.png", Assert.Single(head.Headers.GetValues(QuiltRoutes.PatchIdentifierHeader)));
            Assert.Equal("bytes", Assert.Single(head.Headers.AcceptRanges));
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        }

        // The table spans several columns; its header lies in the first: HEAD asks the nodes for less than GET.
        var table = QuiltPatchId.Parse(patchIds["data/table.bin"]);
        Assert.True(table.Patch.ColumnCount > 1, $"the table occupies {table.Patch}: nothing would be tested");
        var before = gateway.Client.NodeRequestCount;
        using (var head = await gateway.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, QuiltRoutes.ByPatchIdPath(table))))
        {
            Assert.Equal(Files["data/table.bin"].Length, head.Content.Headers.ContentLength);
        }

        var headRequests = gateway.Client.NodeRequestCount - before;
        before = gateway.Client.NodeRequestCount;
        using (var get = await gateway.Http.GetAsync(QuiltRoutes.ByPatchIdPath(table)))
        {
            Assert.Equal(Files["data/table.bin"], await get.Content.ReadAsByteArrayAsync());
        }

        Assert.True(headRequests < gateway.Client.NodeRequestCount - before, $"HEAD took {headRequests} node requests, GET {gateway.Client.NodeRequestCount - before}");

        using var missing = await gateway.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, QuiltRoutes.ByQuiltIdPath(quiltId, "no-such-file")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Patch_routes_answer_range_etag_and_if_none_match_as_the_blob_routes_do()
    {
        var (quiltId, patchIds) = await StoreAsync();
        var logo = Files["logo.png"];
        var logoId = QuiltPatchId.Parse(patchIds["logo.png"]);
        foreach (var path in new[] { QuiltRoutes.ByPatchIdPath(logoId), QuiltRoutes.ByQuiltIdPath(quiltId, "logo.png") })
        {
            using var middle = await SendAsync(path, r => r.Headers.Range = new RangeHeaderValue(10, 99));
            Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
            Assert.Equal("bytes 10-99/5000", middle.Content.Headers.ContentRange?.ToString());
            Assert.Equal(logo[10..100], await middle.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", middle.Content.Headers.ContentType?.MediaType);

            using var tail = await SendAsync(path, r => r.Headers.TryAddWithoutValidation("Range", "bytes=-7"));
            Assert.Equal(logo[^7..], await tail.Content.ReadAsByteArrayAsync());

            using var headRange = await SendAsync(path, r => r.Headers.Range = new RangeHeaderValue(0, 0), HttpMethod.Head);
            Assert.Equal(HttpStatusCode.PartialContent, headRange.StatusCode);
            Assert.Equal(1, headRange.Content.Headers.ContentLength);

            using var outside = await SendAsync(path, r => r.Headers.TryAddWithoutValidation("Range", "bytes=5000-"));
            Assert.Equal("bytes */5000", outside.Content.Headers.ContentRange?.ToString());
            await GatewayAssert.ErrorAsync(outside, HttpStatusCode.RequestedRangeNotSatisfiable, GatewayErrorReason.InvalidByteRange);

            foreach (var tag in new[] { "\"" + logoId + "\"", "W/\"" + logoId + "\"", "\"other\", \"" + logoId + "\"", "*" })
            {
                using var cached = await SendAsync(path, r => r.Headers.TryAddWithoutValidation("If-None-Match", tag));
                Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
                Assert.Equal("\"" + logoId + "\"", cached.Headers.ETag?.ToString());
            }

            using var changed = await SendAsync(path, r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\""));
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal(logo, await changed.Content.ReadAsByteArrayAsync());
        }

        using var empty = await SendAsync(QuiltRoutes.ByQuiltIdPath(quiltId, "empty"), r => r.Headers.TryAddWithoutValidation("Range", "bytes=0-"));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, empty.StatusCode);
    }

    [Fact]
    public async Task Several_patches_come_back_in_one_multipart_answer_in_the_order_asked()
    {
        var (quiltId, patchIds) = await StoreAsync();
        string[] asked = ["logo.png", "empty", "data/table.bin", "index.html", "logo.png"];

        using var byIdentifier = await gateway.Http.GetAsync(QuiltRoutes.PatchesContentPath(quiltId, asked), HttpCompletionOption.ResponseHeadersRead);
        var parts = await PartsAsync(byIdentifier);
        Assert.Equal(asked, parts.Select(p => p.Headers[QuiltRoutes.PatchIdentifierHeader]));
        foreach (var part in parts)
        {
            var identifier = part.Headers[QuiltRoutes.PatchIdentifierHeader];
            Assert.Equal(Files[identifier], part.Data);
            Assert.Equal(Files[identifier].Length.ToString(System.Globalization.CultureInfo.InvariantCulture), part.Headers["Content-Length"]);
            Assert.Equal(patchIds[identifier], part.Headers[QuiltRoutes.PatchIdHeader]);
        }

        Assert.Equal("image/png", parts[0].Headers["Content-Type"]);
        Assert.Equal("text/html", parts[3].Headers["Content-Type"]);
        Assert.Equal("application/octet-stream", parts[1].Headers["Content-Type"]);

        var ids = new[] { "style.css", "data/table.bin" }.Select(i => QuiltPatchId.Parse(patchIds[i])).ToList();
        using var byId = await gateway.Http.GetAsync(QuiltRoutes.PatchesContentPath(quiltId, ids));
        var idParts = await PartsAsync(byId);
        Assert.Equal([Files["style.css"], Files["data/table.bin"]], idParts.Select(p => p.Data));

        var tooMany = Enumerable.Repeat("logo.png", QuiltRoutes.MaxPatchesPerRequest + 1);
        using var refused = await gateway.Http.GetAsync(QuiltRoutes.PatchesContentPath(quiltId, tooMany));
        await GatewayAssert.ErrorAsync(refused, HttpStatusCode.BadRequest, QuiltRoutes.TooManyPatches);
        using var unknown = await gateway.Http.GetAsync(QuiltRoutes.PatchesContentPath(quiltId, ["logo.png", "no-such-file"]));
        await GatewayAssert.ErrorAsync(unknown, HttpStatusCode.NotFound, QuiltRoutes.PatchNotFound);
        using var none = await gateway.Http.GetAsync(QuiltRoutes.PatchesContentPath(quiltId, Array.Empty<string>()));
        await GatewayAssert.ErrorAsync(none, HttpStatusCode.BadRequest, GatewayErrorReason.MalformedRequest);
        using var both = await gateway.Http.GetAsync(QuiltRoutes.PatchesContentPath(quiltId, ids) + "&identifier=logo.png");
        await GatewayAssert.ErrorAsync(both, HttpStatusCode.BadRequest, GatewayErrorReason.MalformedRequest);
        var foreign = new QuiltPatchId(BlobId.Parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), ids[0].Patch);
        using var elsewhere = await gateway.Http.GetAsync(QuiltRoutes.PatchesContentPath(quiltId, [foreign]));
        await GatewayAssert.ErrorAsync(elsewhere, HttpStatusCode.BadRequest, GatewayErrorReason.MalformedRequest);
        using var notAPatch = await gateway.Http.GetAsync(QuiltRoutes.PatchesContentPath(quiltId, [new QuiltPatchId(quiltId, new QuiltPatchInternalId(1, 60))]));
        await GatewayAssert.ErrorAsync(notAPatch, HttpStatusCode.NotFound, QuiltRoutes.PatchNotFound);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestMessage> prepare, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        prepare(request);
        return await gateway.Http.SendAsync(request);
    }

    /// <summary>The parts of a multipart/mixed answer: each part's headers and bytes.</summary>
    internal static async Task<List<(Dictionary<string, string> Headers, byte[] Data)>> PartsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("multipart/mixed", response.Content.Headers.ContentType?.MediaType);
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync());
        var parts = new List<(Dictionary<string, string>, byte[])>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var data = new MemoryStream();
            await section.Body.CopyToAsync(data);
            parts.Add((section.Headers!.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), data.ToArray()));
        }

        return parts;
    }
}
