using System.Text.Json;
using Walrus.Core;

namespace Walrus.Client.UploadRelay;

/// <summary>The relay's answer to an upload, as Walrus's: <c>{"blob_id", "confirmation_certificate"}</c>.</summary>
public sealed record UploadRelayResponse(BlobId BlobId, RelayConfirmationCertificate ConfirmationCertificate)
{
    /// <summary>Writes the JSON answer.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("blob_id", BlobId.ToString());
        writer.WritePropertyName("confirmation_certificate");
        ConfirmationCertificate.WriteJson(writer);
        writer.WriteEndObject();
    }

    /// <summary>Reads the JSON answer.</summary>
    /// <exception cref="FormatException">Not an upload answer.</exception>
    public static UploadRelayResponse Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("blob_id", out var blobIdJson) || blobIdJson.ValueKind != JsonValueKind.String
            || !BlobId.TryParse(blobIdJson.GetString(), out var blobId) || !json.TryGetProperty("confirmation_certificate", out var certificate))
        {
            throw new FormatException("not an upload relay answer: expected {\"blob_id\",\"confirmation_certificate\"}");
        }

        return new UploadRelayResponse(blobId, RelayConfirmationCertificate.Parse(certificate));
    }
}
