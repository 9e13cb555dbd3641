using System.Text.Json;
using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>Reads and writes <see cref="BlobStatus"/> in Walrus's externally tagged JSON form.</summary>
public sealed class BlobStatusJsonConverter : JsonConverter<BlobStatus>
{
    public override BlobStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() == "nonexistent" ? BlobStatus.Nonexistent : throw new JsonException("Unknown blob status.");
        }

        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException("Expected a blob status.");
        }

        var tag = reader.GetString();
        var kind = tag switch
        {
            "invalid" => BlobStatusKind.Invalid,
            "permanent" => BlobStatusKind.Permanent,
            "deletable" => BlobStatusKind.Deletable,
            _ => throw new JsonException("Unknown blob status."),
        };
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected the fields of a blob status.");
        }

        uint endEpoch = 0;
        var certified = false;
        EventId? statusEvent = null;
        var counts = new DeletableCounts(0, 0);
        uint? initial = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "endEpoch":
                    endEpoch = reader.GetUInt32();
                    break;
                case "isCertified":
                    certified = reader.GetBoolean();
                    break;
                case "statusEvent" or "event":
                    statusEvent = JsonSerializer.Deserialize(ref reader, NodeApiJsonContext.Default.EventId);
                    break;
                case "deletableCounts":
                    counts = JsonSerializer.Deserialize(ref reader, NodeApiJsonContext.Default.DeletableCounts) ?? counts;
                    break;
                case "initialCertifiedEpoch":
                    initial = reader.TokenType == JsonTokenType.Null ? null : reader.GetUInt32();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("A blob status has exactly one variant.");
        }

        return new BlobStatus
        {
            Kind = kind,
            EndEpoch = endEpoch,
            IsCertified = certified,
            StatusEvent = statusEvent,
            DeletableCounts = counts,
            InitialCertifiedEpoch = initial,
        };
    }

    public override void Write(Utf8JsonWriter writer, BlobStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Kind)
        {
            case BlobStatusKind.Nonexistent:
                writer.WriteStringValue("nonexistent");
                return;
            case BlobStatusKind.Invalid:
                writer.WriteStartObject();
                writer.WriteStartObject("invalid");
                writer.WritePropertyName("event");
                WriteEvent(writer, value.StatusEvent);
                writer.WriteEndObject();
                writer.WriteEndObject();
                return;
            case BlobStatusKind.Permanent:
                writer.WriteStartObject();
                writer.WriteStartObject("permanent");
                writer.WriteNumber("endEpoch", value.EndEpoch);
                writer.WriteBoolean("isCertified", value.IsCertified);
                writer.WritePropertyName("statusEvent");
                WriteEvent(writer, value.StatusEvent);
                WriteCounts(writer, value.DeletableCounts);
                if (value.InitialCertifiedEpoch is { } permanentInitial)
                {
                    writer.WriteNumber("initialCertifiedEpoch", permanentInitial);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                return;
            default:
                writer.WriteStartObject();
                writer.WriteStartObject("deletable");
                if (value.InitialCertifiedEpoch is { } deletableInitial)
                {
                    writer.WriteNumber("initialCertifiedEpoch", deletableInitial);
                }

                WriteCounts(writer, value.DeletableCounts);
                writer.WriteEndObject();
                writer.WriteEndObject();
                return;
        }
    }

    private static void WriteEvent(Utf8JsonWriter writer, EventId? id)
    {
        if (id is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("txDigest", id.TxDigest);
        writer.WriteNumber("eventSeq", id.EventSeq);
        writer.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter writer, DeletableCounts counts)
    {
        writer.WriteStartObject("deletableCounts");
        writer.WriteNumber("countDeletableTotal", counts.CountDeletableTotal);
        writer.WriteNumber("countDeletableCertified", counts.CountDeletableCertified);
        writer.WriteEndObject();
    }
}
