using System.Text.Json;
using Walrus.Chain;

namespace Walrus.Client.UploadRelay;

/// <summary>
/// A relay that asks for a tip: <see cref="Kind"/> says how much, paid in WAL to <see cref="Address"/>. A relay without a tip
/// is a null config. JSON as Walrus's <c>GET /v1/tip-config</c>: <c>"no_tip"</c> or
/// <c>{"send_tip":{"address":"0x..","kind":{"const":n} | {"linear":{"base":b,"encoded_size_mul_per_kib":m}}}}</c>.
/// </summary>
public sealed record RelayTipConfig(Address Address, RelayTipKind Kind)
{
    private const string NoTip = "no_tip";

    /// <summary>The JSON of <paramref name="config"/> (null: <c>"no_tip"</c>).</summary>
    public static void WriteJson(Utf8JsonWriter writer, RelayTipConfig? config)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (config is null)
        {
            writer.WriteStringValue(NoTip);
            return;
        }

        writer.WriteStartObject();
        writer.WriteStartObject("send_tip");
        writer.WriteString("address", config.Address.ToString());
        writer.WriteStartObject("kind");
        switch (config.Kind)
        {
            case ConstRelayTip constant:
                writer.WriteNumber("const", constant.Amount);
                break;
            case LinearRelayTip linear:
                writer.WriteStartObject("linear");
                writer.WriteNumber("base", linear.Base);
                writer.WriteNumber("encoded_size_mul_per_kib", linear.EncodedSizeMulPerKib);
                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"Unknown tip kind {config.Kind.GetType().Name}.", nameof(config));
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Reads a tip config (null: no tip).</summary>
    /// <exception cref="FormatException">Not a tip config.</exception>
    public static RelayTipConfig? Parse(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.String && json.GetString() == NoTip)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("send_tip", out var send) || send.ValueKind != JsonValueKind.Object
            || !send.TryGetProperty("address", out var addressJson) || addressJson.ValueKind != JsonValueKind.String
            || !Address.TryParse(addressJson.GetString(), out var address)
            || !send.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a tip config: expected \"no_tip\" or {\"send_tip\":{\"address\",\"kind\"}}");
        }

        if (kind.TryGetProperty("const", out var amount) && amount.TryGetUInt64(out var constant))
        {
            return new RelayTipConfig(address, new ConstRelayTip(constant));
        }

        if (kind.TryGetProperty("linear", out var linear) && linear.ValueKind == JsonValueKind.Object
            && linear.TryGetProperty("base", out var baseJson) && baseJson.TryGetUInt64(out var tipBase)
            && linear.TryGetProperty("encoded_size_mul_per_kib", out var mulJson) && mulJson.TryGetUInt64(out var mul))
        {
            return new RelayTipConfig(address, new LinearRelayTip(tipBase, mul));
        }

        throw new FormatException("unknown tip kind: expected {\"const\":n} or {\"linear\":{\"base\",\"encoded_size_mul_per_kib\"}}");
    }
}
