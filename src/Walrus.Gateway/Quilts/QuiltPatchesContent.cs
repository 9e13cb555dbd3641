using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Walrus.Client;
using Walrus.Core;
using Walrus.Core.Quilts;

namespace Walrus.Gateway.Quilts;

/// <summary>
/// Beyond Walrus: <c>GET /v1/quilts/{quiltId}/patches-content?identifier=a&amp;identifier=b</c> (or
/// <c>?quilt_patch_id=…</c>, repeated) answers the named patches, in the order named, as one <c>multipart/mixed</c> body:
/// each part with Content-Type (from a <c>content-type</c> tag, else application/octet-stream), Content-Length,
/// <c>X-Quilt-Patch-Identifier</c>, <c>X-Quilt-Patch-Id</c> and its allowed tags as headers. Every name is checked
/// against the quilt's index before the answer starts (an unknown one is a 404); the patches' columns are fetched
/// together, in batches of bounded size, and each part is written as soon as its batch is read.
/// </summary>
internal sealed class QuiltPatchesContent(WalrusClient client, GatewayOptions options)
{
    public async Task ServeAsync(HttpContext context, BlobId quiltId, Func<CancellationToken, Task> checkAvailable)
    {
        var (identifiers, patchIds) = ParseNames(context, quiltId);
        await checkAvailable(context.RequestAborted);

        var response = context.Response;
        var boundary = "walrus-quilt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var started = false;
        await QuiltEndpoints.ReadOrFailAsync(ct => client.ReadQuiltPatchesAsync(quiltId, identifiers, patchIds, async (patch, token) =>
        {
            if (!started)
            {
                started = true;
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "multipart/mixed; boundary=" + boundary;
                response.Headers.CacheControl = AggregatorEndpoints.BlobCacheControl;
                response.Headers.XContentTypeOptions = "nosniff";
                response.Headers[GatewayHttp.RequestIdHeader] = context.TraceIdentifier;
                await response.StartAsync(token);
            }

            await response.Body.WriteAsync(PartHeader(boundary, patch), token);
            await response.Body.WriteAsync(patch.Data, token);
            await response.Body.WriteAsync("\r\n"u8.ToArray(), token);
            await response.Body.FlushAsync(token);
        }, ct), context.RequestAborted);

        await response.Body.WriteAsync(Encoding.ASCII.GetBytes("--" + boundary + "--\r\n"), context.RequestAborted);
    }

    /// <summary>The names asked for: identifiers or patch ids of this quilt (not both), 1 to <see cref="QuiltRoutes.MaxPatchesPerRequest"/> of them.</summary>
    private static (IReadOnlyList<string>? Identifiers, IReadOnlyList<QuiltPatchId>? PatchIds) ParseNames(HttpContext context, BlobId quiltId)
    {
        var query = context.Request.Query;
        foreach (var key in query.Keys)
        {
            if (key is not QuiltRoutes.IdentifierQuery and not QuiltRoutes.PatchIdQuery)
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, $"Unknown query field '{GatewayHttp.Truncate(key)}'; name patches with '{QuiltRoutes.IdentifierQuery}' or '{QuiltRoutes.PatchIdQuery}'.");
            }
        }

        var identifiers = query[QuiltRoutes.IdentifierQuery];
        var patchIds = query[QuiltRoutes.PatchIdQuery];
        if (identifiers.Count > 0 && patchIds.Count > 0)
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest, $"Name patches by '{QuiltRoutes.IdentifierQuery}' or by '{QuiltRoutes.PatchIdQuery}', not both.");
        }

        var count = identifiers.Count + patchIds.Count;
        if (count == 0)
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest, $"Name at least one patch with '{QuiltRoutes.IdentifierQuery}=' or '{QuiltRoutes.PatchIdQuery}='.");
        }

        if (count > QuiltRoutes.MaxPatchesPerRequest)
        {
            throw new GatewayException(QuiltRoutes.TooManyPatches,
                string.Create(CultureInfo.InvariantCulture, $"The request names {count} patches; at most {QuiltRoutes.MaxPatchesPerRequest} are served per request."), 400);
        }

        if (identifiers.Count > 0)
        {
            var names = new List<string>(identifiers.Count);
            foreach (var identifier in identifiers)
            {
                names.Add(string.IsNullOrEmpty(identifier) ? throw new GatewayException(GatewayErrorReason.MalformedRequest, "An identifier is empty.") : identifier);
            }

            return (names, null);
        }

        var ids = new List<QuiltPatchId>(patchIds.Count);
        foreach (var text in patchIds)
        {
            if (!QuiltPatchId.TryParse(text, out var id))
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'{GatewayHttp.Truncate(text)}' is not a quilt patch id (50 characters of URL-safe base64).");
            }

            if (id.QuiltId != quiltId)
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, $"Patch {id} belongs to quilt {id.QuiltId}, not {quiltId}.");
            }

            ids.Add(id);
        }

        return (null, ids);
    }

    private byte[] PartHeader(string boundary, QuiltPatchRead patch)
    {
        var text = new StringBuilder();
        text.Append("--").Append(boundary).Append("\r\n");
        var contentType = "application/octet-stream";
        foreach (var (name, value) in QuiltEndpoints.PatchHeaders(patch.Identifier, patch.Tags, options.AllowedHeaders))
        {
            if (string.Equals(name, "content-type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (!string.Equals(name, "content-length", StringComparison.OrdinalIgnoreCase))
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        text.Append(QuiltRoutes.PatchIdHeader).Append(": ").Append(patch.PatchId.ToString()).Append("\r\n");
        text.Append("Content-Type: ").Append(contentType).Append("\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {patch.Data.Length}\r\n\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
