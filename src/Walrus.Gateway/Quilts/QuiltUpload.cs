using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Walrus.Client;

namespace Walrus.Gateway.Quilts;

/// <summary>
/// The multipart body of <c>PUT /v1/quilts</c>, read section by section into files of a private temporary folder
/// (deleted on dispose): each field is a patch named by its identifier, except <c>_metadata</c>, a JSON array of
/// <c>{identifier, tags}</c>. Bad input answers 400, a body over the limit 413.
/// </summary>
internal sealed class QuiltUpload : IDisposable
{
    private readonly string _folder;

    private QuiltUpload(string folder, List<QuiltPatchInput> patches)
    {
        _folder = folder;
        Patches = patches;
    }

    /// <summary>The patches, in the order sent, with their tags from <c>_metadata</c>.</summary>
    public List<QuiltPatchInput> Patches { get; }

    public static async Task<QuiltUpload> ReadAsync(HttpContext context, string? tempDirectory, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest, "A quilt is sent as multipart/form-data with a boundary: one field per file, named by its identifier.");
        }

        var folder = Directory.CreateTempSubdirectory("walrus-quilt-put-").FullName;
        if (tempDirectory is not null)
        {
            Directory.Delete(folder);
            folder = Directory.CreateDirectory(Path.Combine(tempDirectory, "walrus-quilt-put-" + Guid.NewGuid().ToString("N"))).FullName;
        }

        var upload = new QuiltUpload(folder, []);
        try
        {
            await upload.ReadSectionsAsync(new MultipartReader(boundary, context.Request.Body), maxBytes, cancellationToken);
            return upload;
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    private async Task ReadSectionsAsync(MultipartReader reader, long maxBytes, CancellationToken cancellationToken)
    {
        var files = new List<(string Identifier, string Path)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<QuiltPatchMetadata>? metadata = null;
        long total = 0;
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, "Every part of a quilt upload needs Content-Disposition: form-data with a name (the patch's identifier).");
            }

            if (name == QuiltRoutes.MetadataField)
            {
                using var buffer = new MemoryStream();
                total += await CopyLimitedAsync(section.Body, buffer, maxBytes - total, cancellationToken);
                try
                {
                    metadata = JsonSerializer.Deserialize(buffer.ToArray(), QuiltJsonContext.Default.ListQuiltPatchMetadata);
                }
                catch (JsonException e)
                {
                    throw new GatewayException(GatewayErrorReason.MalformedRequest, "'_metadata' must be a JSON array of {identifier, tags}: " + GatewayHttp.Truncate(e.Message));
                }

                continue;
            }

            if (!seen.Add(name))
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, $"The identifier '{GatewayHttp.Truncate(name)}' is sent twice.");
            }

            var path = Path.Combine(_folder, files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                total += await CopyLimitedAsync(section.Body, file, maxBytes - total, cancellationToken);
            }

            files.Add((name, path));
        }

        if (files.Count == 0)
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest, "A quilt needs at least one file field.");
        }

        var tags = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var entry in metadata ?? [])
        {
            if (entry?.Identifier is null || !seen.Contains(entry.Identifier))
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'_metadata' names '{GatewayHttp.Truncate(entry?.Identifier)}', which is not a field of the upload.");
            }

            if (!tags.TryAdd(entry.Identifier, entry.Tags ?? []))
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'_metadata' names '{GatewayHttp.Truncate(entry.Identifier)}' twice.");
            }
        }

        foreach (var (identifier, path) in files)
        {
            Patches.Add(QuiltPatchInput.FromFile(path, identifier, tags.GetValueOrDefault(identifier)));
        }
    }

    private static async Task<long> CopyLimitedAsync(Stream source, Stream destination, long allowed, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long copied = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                copied += read;
                if (copied > allowed)
                {
                    throw new GatewayException(GatewayErrorReason.PayloadTooLarge, "The quilt upload is larger than this publisher's limit.", 413);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return copied;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
