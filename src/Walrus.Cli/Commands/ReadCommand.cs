using System.CommandLine;
using System.Text.Json;
using Walrus.Client;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus read BLOB_ID [--out FILE] [--strict-consistency-check|--skip-consistency-check]</c>: reads a blob to a file
/// or stdout; a blob that is invalid is reported, never written.
/// </summary>
internal static class ReadCommand
{
    public static Command Create()
    {
        var blobId = new Argument<string>("blob-id") { Description = "The blob id (URL-safe base64)." };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write the blob to (default: stdout)." };
        var strict = new Option<bool>("--strict-consistency-check") { Description = "Re-encode the blob and compare the blob id." };
        var skip = new Option<bool>("--skip-consistency-check") { Description = "Skip the consistency check." };
        var command = new Command("read", "Read a blob.") { blobId, output, strict, skip };
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            if (!BlobId.TryParse(result.GetValue(blobId), out var id))
            {
                throw new FormatException($"'{result.GetValue(blobId)}' is not a blob id (43 characters of URL-safe base64)");
            }

            if (result.GetValue(strict) && result.GetValue(skip))
            {
                throw new ArgumentException("--strict-consistency-check and --skip-consistency-check exclude each other");
            }

            var options = new ReadOptions
            {
                Consistency = result.GetValue(strict) ? ConsistencyCheck.Strict : result.GetValue(skip) ? ConsistencyCheck.Skip : ConsistencyCheck.Default,
            };
            var json = result.GetValue(ClientOptions.Json);
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: false, token);
            var file = result.GetValue(output);
            ReadResult read;
            byte[]? inline = null;
            if (file is not null)
            {
                read = await WithProgressAsync(result, file.Name, progress => client.ReadAsync(id, file.FullName, options, progress, token));
            }
            else if (json)
            {
                using var buffer = new MemoryStream();
                read = await client.ReadAsync(id, buffer, options, token);
                inline = buffer.ToArray();
            }
            else
            {
                // stdout cannot seek: a strict check needs to read the blob back, so decode into memory first.
                using var buffer = new MemoryStream();
                read = await WithProgressAsync(result, "stdout", progress => client.ReadAsync(id, buffer, options, progress, token));
                buffer.Position = 0;
                using var stdout = Console.OpenStandardOutput();
                await buffer.CopyToAsync(stdout, token);
            }

            if (read.Liars.Count > 0)
            {
                await Console.Error.WriteLineAsync($"warning: nodes answered with data that does not verify: {string.Join(", ", read.Liars)}");
            }

            if (json)
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteString("blobId", id.ToString());
                    writer.WriteNumber("size", read.Length);
                    if (file is not null)
                    {
                        writer.WriteString("out", file.ToString());
                    }
                    else
                    {
                        writer.WriteBase64String("blob", inline);
                    }

                    writer.WriteStartArray("liars");
                    foreach (var liar in read.Liars)
                    {
                        writer.WriteStringValue(liar);
                    }

                    writer.WriteEndArray();
                    writer.WriteStartArray("unreachable");
                    foreach (var node in read.Unreachable)
                    {
                        writer.WriteStringValue(node);
                    }

                    writer.WriteEndArray();
                    writer.WriteNumber("nodeRequests", read.NodeRequests);
                    writer.WriteEndObject();
                }

                await Console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }
            else if (file is not null)
            {
                await Console.Out.WriteLineAsync($"blob {id}: {read.Length} bytes written to {file}");
            }

            return 0;
        }));
        return command.WithClientOptions();
    }

    /// <summary>
    /// Runs a read with a byte progress bar on stderr when stdout and stderr are terminals (the blob goes to a file or is
    /// printed after the bar ended); without a terminal, or with --json, nothing is shown while reading.
    /// </summary>
    /// <param name="what">The bar's label: the output file's name, or stdout.</param>
    private static Task<ReadResult> WithProgressAsync(ParseResult result, string what, Func<IProgress<ReadProgress>?, Task<ReadResult>> read) =>
        result.GetValue(ClientOptions.Json) || Console.IsOutputRedirected || Console.IsErrorRedirected
            ? read(null)
            : LiveReadProgress.RunAsync(what, progress => read(progress));
}
