using System.Text;
using System.Text.Json;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Api;

/// <summary>The OpenAPI 3.1 document served at <c>/v1/api</c>, built from the shared route table.</summary>
public static class OpenApiDocument
{
    private static readonly (string Method, string Path, string Summary, string Success, string Body)[] Operations =
    [
        ("put", NodeApiRoutes.Metadata, "Store BCS BlobMetadata (201 stored, 200 already stored, 202 buffered with ?pending=true).", "201", "application/octet-stream"),
        ("get", NodeApiRoutes.Metadata, "BCS BlobMetadataWithId.", "200", ""),
        ("get", NodeApiRoutes.MetadataStatus, "StoredOnNodeStatus of the metadata.", "200", ""),
        ("put", NodeApiRoutes.Sliver, "Store a BCS SliverData (201 stored, 200 already stored, 202 buffered with ?pending=true).", "201", "application/octet-stream"),
        ("put", NodeApiRoutes.Slivers, "Store many slivers of the blob (?pending=true as for one sliver). Body: records of pair index (u16 BE) | sliver type (u8: 0 primary, 1 secondary) | length (u32 BE) | that many bytes of BCS SliverData; at most 2 records per shard the node holds, each at most the single-sliver limit. 200 {stored, alreadyStored, buffered}; the first bad record stores the ones before it and answers its 4xx error naming its pair and type.", "200", "application/octet-stream"),
        ("get", NodeApiRoutes.Sliver, "BCS SliverData.", "200", ""),
        ("get", NodeApiRoutes.SliverStatus, "StoredOnNodeStatus of a sliver.", "200", ""),
        ("get", NodeApiRoutes.PermanentConfirmation, "Signed confirmation of a permanent blob (?wait_for_registration=true&wait_millis=N).", "200", ""),
        ("get", NodeApiRoutes.DeletableConfirmation, "Signed confirmation of a deletable blob object.", "200", ""),
        ("get", NodeApiRoutes.RecoverySymbols, "BCS Vec<GeneralRecoverySymbol> by id=P-S (repeatable) or targetSliver+targetType.", "200", ""),
        ("get", NodeApiRoutes.DecodingSymbols, "BCS BTreeMap<u16, Vec<EitherDecodingSymbol>> for targetSlivers (repeatable) and targetType.", "200", ""),
        ("post", NodeApiRoutes.InconsistencyProof, "Check a BCS InconsistencyProof; answers a signed InvalidBlob attestation.", "200", "application/octet-stream"),
        ("get", NodeApiRoutes.BlobStatus, "BlobStatus.", "200", ""),
        ("post", Epochs.SyncShardRoutes.SyncShard, "Shard hand-over between nodes: a BCS EIP-712-signed SyncShard request from the shard's current owner; answers a page of BCS slivers.", "200", "application/octet-stream"),
        ("get", NodeApiRoutes.Health, "Node health (?detailed=true for per-shard detail).", "200", ""),
        ("get", NodeApiRoutes.Metrics, "Prometheus metrics.", "200", ""),
        ("get", NodeApiRoutes.Api, "This document.", "200", ""),
    ];

    /// <summary>The document as JSON.</summary>
    public static string Json { get; } = Build();

    private static string Build()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("openapi", "3.1.0");
            writer.WriteStartObject("info");
            writer.WriteString("title", "Walrus.NET storage node API");
            writer.WriteString("version", "1");
            writer.WriteString("description", "Walrus storage-node paths. JSON successes are {\"success\":{\"code\",\"data\"}}; errors are AIP-193 bodies whose details[0].reason is one of: " + string.Join(", ", NodeErrorReason.All) + ".");
            writer.WriteEndObject();
            writer.WriteStartObject("paths");
            foreach (var group in Operations.GroupBy(o => o.Path))
            {
                writer.WriteStartObject(group.Key);
                foreach (var (method, path, summary, success, body) in group)
                {
                    writer.WriteStartObject(method);
                    writer.WriteString("summary", summary);
                    writer.WriteStartArray("parameters");
                    foreach (var name in Parameters(path))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", name);
                        writer.WriteString("in", "path");
                        writer.WriteBoolean("required", true);
                        writer.WriteStartObject("schema");
                        writer.WriteString("type", "string");
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    if (body.Length > 0)
                    {
                        writer.WriteStartObject("requestBody");
                        writer.WriteStartObject("content");
                        writer.WriteStartObject(body);
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }

                    writer.WriteStartObject("responses");
                    writer.WriteStartObject(success);
                    writer.WriteString("description", "Success.");
                    writer.WriteEndObject();
                    writer.WriteStartObject("default");
                    writer.WriteString("description", "AIP-193 error body.");
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IEnumerable<string> Parameters(string path)
    {
        var start = 0;
        while ((start = path.IndexOf('{', start)) >= 0)
        {
            var end = path.IndexOf('}', start);
            yield return path[(start + 1)..end];
            start = end;
        }
    }
}
