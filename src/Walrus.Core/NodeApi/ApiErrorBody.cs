using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// Walrus's AIP-193 error body:
/// <c>{"error":{"code","status","message","details":[{"@type":"ErrorInfo","reason","domain","metadata"}]}}</c>.
/// </summary>
public sealed record ApiErrorBody([property: JsonPropertyName("error")] ApiError Error)
{
    /// <summary>The domain of storage-node errors.</summary>
    public const string NodeDomain = "storage.walrus.space";

    /// <summary>An error body for <paramref name="reason"/> with its HTTP status.</summary>
    public static ApiErrorBody Create(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var code = NodeErrorReason.HttpStatus(reason);
        return new ApiErrorBody(new ApiError(code, NodeErrorReason.StatusName(code), message,
            [new ApiErrorDetail(reason, NodeDomain, metadata ?? new Dictionary<string, string>())]));
    }
}
