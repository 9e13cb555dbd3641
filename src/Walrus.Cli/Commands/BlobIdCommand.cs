using System.CommandLine;
using System.Text.Json;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus blob-id FILE [--n-shards N] [--json]</c>: the RS2 blob id of a file, computed locally exactly as Walrus
/// mainnet does (docs/protocol.md §6). The file is memory-mapped, so its size is not limited to 2 GiB.
/// </summary>
internal static class BlobIdCommand
{
    /// <summary>Walrus mainnet's shard count.</summary>
    public const int DefaultShardCount = 1000;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The file whose blob id to compute." };
        var shards = new Option<int>("--n-shards")
        {
            Description = "The number of shards to encode for (mainnet: 1000).",
            DefaultValueFactory = _ => DefaultShardCount,
        };
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of the bare blob id." };
        var command = new Command("blob-id", "Compute the blob id of a file without storing it.") { file, shards, json };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(shards), result.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    internal static int Run(FileInfo file, int shardCount, bool json, TextWriter output, TextWriter error)
    {
        if (!EncodingConfig.TryCreate(shardCount, out var config, out var configError))
        {
            error.WriteLine($"error: invalid --n-shards: {configError}");
            return 2;
        }

        long length;
        try
        {
            length = new FileInfo(file.FullName).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read '{file}': {e.Message}");
            return 1;
        }

        if (!File.Exists(file.FullName))
        {
            error.WriteLine($"error: cannot read '{file}': the file does not exist.");
            return 1;
        }

        if (!config.CanEncode(length))
        {
            error.WriteLine($"error: '{file}' is {length:N0} bytes; the maximum blob size for {shardCount} shards is {config.MaxBlobSize:N0} bytes.");
            return 1;
        }

        BlobMetadataWithId metadata;
        try
        {
            metadata = ComputeMetadata(config, file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read '{file}': {e.Message}");
            return 1;
        }

        if (json)
        {
            WriteJson(output, file, config, metadata);
        }
        else
        {
            output.WriteLine(metadata.BlobId.ToString());
        }

        return 0;
    }

    // Read in place in two passes (metadata in about half the blob's memory), never mapped or loaded whole.
    private static BlobMetadataWithId ComputeMetadata(EncodingConfig config, string path) => new Rs2Encoder(config).ComputeMetadata(path);

    private static void WriteJson(TextWriter output, FileInfo file, EncodingConfig config, BlobMetadataWithId metadata)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("blobId", metadata.BlobId.ToString());
            writer.WriteString("blobIdHex", metadata.BlobId.ToHex());
            writer.WriteString("blobIdDecimal", metadata.BlobId.ToDecimal());
            writer.WriteString("rootHash", metadata.Metadata.ComputeRootHash().ToHex());
            writer.WriteNumber("unencodedLength", metadata.Metadata.UnencodedLength);
            writer.WriteString("encodingType", metadata.Metadata.EncodingType.ToString());
            writer.WriteNumber("nShards", config.ShardCount);
            writer.WriteNumber("encodedLength", config.GetEncodedLength((long)metadata.Metadata.UnencodedLength));
            writer.WriteString("file", file.ToString());
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
