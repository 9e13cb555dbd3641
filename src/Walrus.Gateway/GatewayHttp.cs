using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.Gateway;

/// <summary>What every endpoint shares: the handler wrapper that turns failures into AIP-193 bodies with a request id, and query helpers.</summary>
internal static class GatewayHttp
{
    /// <summary>The response header carrying the request id (also in every error's message and metadata).</summary>
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>Runs <paramref name="handler"/>; a <see cref="GatewayException"/> becomes its error body, anything else a 500 with the request id only.</summary>
    public static RequestDelegate Handle(ILogger logger, Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (GatewayException e)
        {
            Log.Rejected(logger, context.TraceIdentifier, context.Request.Method, context.Request.Path.Value ?? "", e.StatusCode, e.Reason, e.Message);
            await WriteErrorAsync(context, e.Reason, e.Message, e.StatusCode, e.Headers);
        }
        catch (BadHttpRequestException e)
        {
            var tooLarge = e.StatusCode == StatusCodes.Status413PayloadTooLarge;
            var reason = tooLarge ? GatewayErrorReason.PayloadTooLarge : GatewayErrorReason.MalformedRequest;
            Log.Rejected(logger, context.TraceIdentifier, context.Request.Method, context.Request.Path.Value ?? "", tooLarge ? 413 : 400, reason, e.Message);
            await WriteErrorAsync(context, reason, e.Message, tooLarge ? 413 : 400, null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (context.Response.HasStarted)
            {
                Log.AbortedMidResponse(logger, e, context.TraceIdentifier, context.Request.Path.Value ?? "");
            }
            else
            {
                Log.Unexpected(logger, e, context.TraceIdentifier, context.Request.Method, context.Request.Path.Value ?? "");
            }

            await WriteErrorAsync(context, GatewayErrorReason.Internal, "Internal error.", 500, null);
        }
    };

    /// <summary>Writes an AIP-193 error (never cached); a response already started is aborted instead, so a client never takes a cut body for a whole one.</summary>
    public static async Task WriteErrorAsync(HttpContext context, string reason, string message, int status, IReadOnlyDictionary<string, string>? headers)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        SetErrorHeaders(context, status, headers);
        await JsonSerializer.SerializeAsync(context.Response.Body, ErrorBody(context, reason, message, status), NodeApiJsonContext.Default.ApiErrorBody, context.RequestAborted);
    }

    /// <summary>The AIP-193 body of an error, with the request id in the message and the metadata.</summary>
    public static ApiErrorBody ErrorBody(HttpContext context, string reason, string message, int status) =>
        new(new ApiError(status, GatewayErrorReason.StatusName(status), message + " (request id " + context.TraceIdentifier + ")",
            [new ApiErrorDetail(reason, GatewayErrorReason.Domain, new Dictionary<string, string>(StringComparer.Ordinal) { ["requestId"] = context.TraceIdentifier })]));

    /// <summary>Status, JSON content type, no-store and any extra headers of an error response.</summary>
    public static void SetErrorHeaders(HttpContext context, int status, IReadOnlyDictionary<string, string>? headers)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers[RequestIdHeader] = context.TraceIdentifier;
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            // The rest of the body is not read: close the connection rather than drain it.
            response.Headers.Connection = "close";
        }

        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }
        }
    }

    /// <summary>The blob id of the path.</summary>
    public static BlobId BlobIdFrom(HttpContext context)
    {
        var text = context.Request.RouteValues["blobId"] as string;
        return BlobId.TryParse(text, out var blobId)
            ? blobId
            : throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'{Truncate(text)}' is not a blob id (43 characters of URL-safe base64).");
    }

    /// <summary>A boolean query value (absent: false; "true"/"false", any case; an empty value counts as true).</summary>
    public static bool Flag(HttpContext context, string name)
    {
        if (!context.Request.Query.TryGetValue(name, out var values))
        {
            return false;
        }

        if (values.Count != 1)
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'{name}' is given more than once.");
        }

        var value = values[0];
        if (string.IsNullOrEmpty(value) || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(value, "false", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'{name}' must be true or false, not '{Truncate(value)}'.");
    }

    /// <summary>A short, printable excerpt of client input for error messages.</summary>
    public static string Truncate(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
