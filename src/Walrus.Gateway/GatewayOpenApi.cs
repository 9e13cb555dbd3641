using System.Text.Json.Nodes;
using Walrus.Client.UploadRelay;

namespace Walrus.Gateway;

/// <summary>The OpenAPI 3.0 document of the routes this gateway serves (<c>GET /v1/api</c>), built from <see cref="GatewayRoutes"/>.</summary>
public static class GatewayOpenApi
{
    /// <summary>The document for a publisher, an aggregator or both, and an upload relay.</summary>
    public static string Document(bool publisher, bool aggregator, bool uploadRelay = false)
    {
        var paths = new JsonObject();
        if (aggregator)
        {
            var consistency = new JsonArray(BoolQuery(GatewayRoutes.StrictConsistencyCheck, "Re-encode the whole blob and compare the blob id."),
                BoolQuery(GatewayRoutes.SkipConsistencyCheck, "Skip the consistency check (every sliver is still verified)."));
            paths[GatewayRoutes.Blob] = new JsonObject
            {
                ["get"] = Operation("Read a blob. Honours Range (bytes=a-b, a-, -n) and If-None-Match.", [PathParam("blobId"), .. Clone(consistency)],
                    new JsonObject { ["200"] = Binary("The blob."), ["206"] = Binary("A byte range of the blob."), ["304"] = Text("Not modified."), ["404"] = Error(), ["416"] = Error(), ["451"] = Error(), ["503"] = Error() }),
                ["head"] = Operation("The headers of GET, without the body.", [PathParam("blobId"), .. Clone(consistency)],
                    new JsonObject { ["200"] = Text("Headers only."), ["404"] = Error() }),
            };
            paths[GatewayRoutes.BlobByteRange] = new JsonObject
            {
                ["get"] = Operation("Read length bytes from start (answered 200, cacheable by URL).",
                    [PathParam("blobId"), Query(GatewayRoutes.Start, "integer", true, "First byte."), Query(GatewayRoutes.Length, "integer", true, "Bytes to read (at least 1).")],
                    new JsonObject { ["200"] = Binary("The bytes."), ["400"] = Error(), ["404"] = Error() }),
            };
            paths[GatewayRoutes.BlobByObjectId] = new JsonObject
            {
                ["get"] = Operation("Read the blob of a blob object; its allowed attributes become response headers.", [PathParam("objectId")],
                    new JsonObject { ["200"] = Binary("The blob."), ["404"] = Error() }),
            };
        }

        if (publisher)
        {
            paths[GatewayRoutes.Blobs] = new JsonObject
            {
                ["put"] = new JsonObject
                {
                    ["summary"] = "Store the body as a blob. Unknown query fields answer 400.",
                    ["parameters"] = new JsonArray(
                        Query(GatewayRoutes.Epochs, "integer", false, "Epochs to store for (default 1)."),
                        BoolQuery(GatewayRoutes.Permanent, "Store a permanent blob."),
                        BoolQuery(GatewayRoutes.Deletable, "Store a deletable blob (the default)."),
                        BoolQuery(GatewayRoutes.Force, "Store even if already certified."),
                        BoolQuery(GatewayRoutes.ReuseResources, "Accepted; existing registrations are always reused."),
                        Query(GatewayRoutes.EncodingType, "string", false, "RS2."),
                        Query(GatewayRoutes.SendObjectTo, "string", false, "Send the new blob object to this address."),
                        BoolQuery(GatewayRoutes.Share, "Not supported (no shared objects); answers 400.")),
                    ["requestBody"] = new JsonObject { ["content"] = new JsonObject { ["application/octet-stream"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } } },
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject
                        {
                            ["description"] = "BlobStoreResult: one of newlyCreated, alreadyCertified, markedInvalid.",
                            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
                        },
                        ["400"] = Error(),
                        ["401"] = Error(),
                        ["413"] = Error(),
                        ["429"] = Text("Too many requests."),
                        ["502"] = Error(),
                        ["504"] = Error(),
                    },
                },
            };
        }

        AddQuilts(paths, publisher, aggregator);
        if (uploadRelay)
        {
            AddUploadRelay(paths);
        }

        paths[GatewayRoutes.Status] = new JsonObject { ["get"] = Operation("Roles, epoch and committee size.", [], new JsonObject { ["200"] = Text("JSON status.") }) };
        paths[GatewayRoutes.Metrics] = new JsonObject { ["get"] = Operation("Prometheus metrics.", [], new JsonObject { ["200"] = Text("Prometheus text format.") }) };
        paths[GatewayRoutes.Api] = new JsonObject { ["get"] = Operation("This document.", [], new JsonObject { ["200"] = Text("OpenAPI 3.0 JSON.") }) };
        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = publisher && aggregator ? "Walrus daemon" : publisher ? "Walrus publisher" : aggregator ? "Walrus aggregator" : "Walrus upload relay", ["version"] = "1" },
            ["paths"] = paths,
        };
        return document.ToJsonString();
    }

    /// <summary>The quilt routes: PUT /v1/quilts (publisher) and the three patch reads (aggregator).</summary>
    private static void AddQuilts(JsonObject paths, bool publisher, bool aggregator)
    {
        if (publisher)
        {
            paths[Quilts.QuiltRoutes.Quilts] = new JsonObject
            {
                ["put"] = new JsonObject
                {
                    ["summary"] = "Store files as one quilt: multipart/form-data, one field per file named by its identifier, tags in the _metadata field " +
                        "(a JSON array of {identifier, tags}). Takes the query of PUT /v1/blobs plus quilt_version.",
                    ["parameters"] = new JsonArray(
                        Query(GatewayRoutes.Epochs, "integer", false, "Epochs to store for (default 1)."),
                        BoolQuery(GatewayRoutes.Permanent, "Store a permanent quilt."),
                        BoolQuery(GatewayRoutes.Deletable, "Store a deletable quilt (the default)."),
                        BoolQuery(GatewayRoutes.Force, "Store even if already certified."),
                        Query(GatewayRoutes.SendObjectTo, "string", false, "Send the new blob object to this address."),
                        Query(Quilts.QuiltRoutes.QuiltVersion, "string", false, "V1 (the only version).")),
                    ["requestBody"] = new JsonObject { ["content"] = new JsonObject { ["multipart/form-data"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } } },
                    ["responses"] = new JsonObject
                    {
                        ["200"] = Json("{blobStoreResult, storedQuiltBlobs:[{identifier, quiltPatchId}]}."),
                        ["400"] = Error(),
                        ["413"] = Error(),
                        ["502"] = Error(),
                    },
                },
            };
        }

        if (aggregator)
        {
            var patchResponses = new JsonObject
            {
                ["200"] = Binary("The patch's bytes; X-Quilt-Patch-Identifier names it, allowed tags become headers."),
                ["400"] = Error(),
                ["404"] = Error(),
                ["503"] = Error(),
            };
            paths[Quilts.QuiltRoutes.ByPatchId] = new JsonObject
            {
                ["get"] = Operation("Read one file of a quilt by its quilt patch id.", [PathParam("patchId")], (JsonObject)patchResponses.DeepClone()),
            };
            paths["/v1/blobs/by-quilt-id/{quiltId}/{identifier}"] = new JsonObject
            {
                ["get"] = Operation("Read one file of a quilt by the quilt's blob id and the file's identifier.", [PathParam("quiltId"), PathParam("identifier")], patchResponses),
            };
            paths[Quilts.QuiltRoutes.Patches] = new JsonObject
            {
                ["get"] = Operation("List the patches of a quilt: identifier, patch id and tags of each.", [PathParam("quiltId")],
                    new JsonObject { ["200"] = Json("An array of {identifier, patchId, tags}."), ["400"] = Error(), ["404"] = Error() }),
            };
            paths[Quilts.QuiltRoutes.PatchesContent] = new JsonObject
            {
                ["get"] = Operation(
                    "Beyond Walrus: several files of a quilt in one streamed multipart/mixed answer, in the order asked. Name them by identifier or by patch id (not both), " +
                    $"at most {Quilts.QuiltRoutes.MaxPatchesPerRequest}.",
                    [
                        PathParam("quiltId"),
                        Query(Quilts.QuiltRoutes.IdentifierQuery, "string", false, "A patch's identifier; repeat the field for more."),
                        Query(Quilts.QuiltRoutes.PatchIdQuery, "string", false, "A quilt patch id; repeat the field for more."),
                    ],
                    new JsonObject
                    {
                        ["200"] = new JsonObject { ["description"] = "multipart/mixed; each part carries X-Quilt-Patch-Identifier, X-Quilt-Patch-Id, Content-Type, Content-Length and the allowed tags." },
                        ["400"] = Error(),
                        ["404"] = Error(),
                        ["503"] = Error(),
                    }),
            };
        }
    }

    /// <summary>The upload relay's routes.</summary>
    private static void AddUploadRelay(JsonObject paths)
    {
        paths[UploadRelayRoutes.BlobUploadRelay] = new JsonObject
        {
            ["post"] = new JsonObject
            {
                ["summary"] = "Fan a registered blob out to the storage nodes and answer the committee's confirmation certificate. The body is the raw blob.",
                ["parameters"] = new JsonArray(
                    Query(UploadRelayRoutes.BlobId, "string", true, "The blob id the body encodes to."),
                    Query(UploadRelayRoutes.DeletableBlobObject, "string", false, "The object id (0x hex) of a deletable blob; absent for a permanent one."),
                    Query(UploadRelayRoutes.TxId, "string", false, "The tip transaction (0x hash), when the relay asks a tip."),
                    Query(UploadRelayRoutes.Nonce, "string", false, "The nonce of the tip's upload proof (unpadded URL-safe base64), with tx_id."),
                    Query(UploadRelayRoutes.EncodingType, "string", false, "RS2 (the only encoding).")),
                ["requestBody"] = new JsonObject { ["content"] = new JsonObject { ["application/octet-stream"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } } },
                ["responses"] = new JsonObject
                {
                    ["200"] = Json("{blob_id, confirmation_certificate:{epoch, signers, signatures}}."),
                    ["400"] = Error(),
                    ["402"] = Error(),
                    ["409"] = Error(),
                    ["413"] = Error(),
                    ["429"] = Text("Too many requests."),
                    ["504"] = Error(),
                },
            },
        };
        paths[UploadRelayRoutes.TipConfig] = new JsonObject
        {
            ["get"] = Operation("The tip this relay asks.", [], new JsonObject { ["200"] = Json("\"no_tip\" or {send_tip:{address, kind:{const} | {linear:{base, encoded_size_mul_per_kib}}}}.") }),
        };
    }

    private static JsonObject Json(string description) =>
        new() { ["description"] = description, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } } };

    private static JsonObject Operation(string summary, JsonNode[] parameters, JsonObject responses) =>
        new() { ["summary"] = summary, ["parameters"] = new JsonArray(parameters), ["responses"] = responses };

    private static JsonNode[] Clone(JsonArray array) => [.. array.Select(n => n!.DeepClone())];

    private static JsonObject PathParam(string name) =>
        new() { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } };

    private static JsonObject Query(string name, string type, bool required, string description) =>
        new() { ["name"] = name, ["in"] = "query", ["required"] = required, ["description"] = description, ["schema"] = new JsonObject { ["type"] = type } };

    private static JsonObject BoolQuery(string name, string description) => Query(name, "boolean", false, description);

    private static JsonObject Binary(string description) =>
        new() { ["description"] = description, ["content"] = new JsonObject { ["application/octet-stream"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } } };

    private static JsonObject Text(string description) => new() { ["description"] = description };

    private static JsonObject Error() => new() { ["description"] = "AIP-193 error: {\"error\":{\"code\",\"status\",\"message\",\"details\":[{\"@type\":\"ErrorInfo\",\"reason\",\"domain\",\"metadata\"}]}}." };
}
