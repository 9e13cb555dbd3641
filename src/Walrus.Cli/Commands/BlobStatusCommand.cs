using System.CommandLine;
using System.Text.Json;
using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus blob-status BLOB_ID</c>: whether a blob id is certified (until which epoch), invalid, and how the nodes see it.</summary>
internal static class BlobStatusCommand
{
    public static Command Create()
    {
        var blobId = new Argument<string>("blob-id") { Description = "The blob id (URL-safe base64)." };
        var command = new Command("blob-status", "Show the status of a blob id on chain and on the storage nodes.") { blobId };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            if (!BlobId.TryParse(result.GetValue(blobId), out var id))
            {
                throw new FormatException($"'{result.GetValue(blobId)}' is not a blob id (43 characters of URL-safe base64)");
            }

            using var client = await ClientOptions.ConnectAsync(result, needsWallet: false, token);
            var status = await client.GetBlobStatusAsync(id, token);
            if (result.GetValue(ClientOptions.Json))
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteString("blobId", id.ToString());
                    writer.WriteBoolean("certified", status.Certified);
                    writer.WriteNumber("endEpoch", status.EndEpoch.Value);
                    writer.WriteBoolean("invalid", status.Invalid);
                    writer.WriteNumber("currentEpoch", status.CurrentEpoch.Value);
                    writer.WritePropertyName("nodeStatus");
                    JsonSerializer.Serialize(writer, status.NodeStatus, NodeApiJsonContext.Default.ApiSuccessBodyBlobStatus.Options.GetTypeInfo(typeof(BlobStatus)));
                    writer.WriteNumber("nodesAnswered", status.NodesAnswered);
                    writer.WriteEndObject();
                }

                await Console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                return 0;
            }

            var line = status.Invalid ? "invalid (marked on chain)"
                : status.Certified ? $"certified (permanent) until epoch {status.EndEpoch.Value}"
                : status.NodeStatus.Kind switch
                {
                    BlobStatusKind.Nonexistent => "not found",
                    BlobStatusKind.Invalid => "invalid (as the nodes report)",
                    BlobStatusKind.Permanent => status.NodeStatus.IsCertified ? $"certified (permanent) until epoch {status.NodeStatus.EndEpoch}" : "registered (permanent), not certified",
                    _ => $"deletable: {status.NodeStatus.DeletableCounts.CountDeletableCertified} certified of {status.NodeStatus.DeletableCounts.CountDeletableTotal} objects",
                };
            await Console.Out.WriteLineAsync($"blob {id}: {line} (current epoch {status.CurrentEpoch.Value}; {status.NodesAnswered} nodes answered)");
            return 0;
        }));
        return command.WithClientOptions();
    }
}
