using Microsoft.AspNetCore.Http;
using Walrus.Chain;

namespace Walrus.Gateway;

/// <summary>The query of <c>PUT /v1/blobs</c>, checked: unknown fields, bad values and contradictions answer 400.</summary>
internal sealed record PublisherRequest(uint Epochs, bool Deletable, bool Force, bool ReuseResources, Address? SendObjectTo)
{
    public static PublisherRequest Parse(HttpContext context, uint maxEpochs)
    {
        var query = context.Request.Query;
        foreach (var key in query.Keys)
        {
            if (!GatewayRoutes.PublisherQueryFields.Contains(key))
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest,
                    $"Unknown query field '{GatewayHttp.Truncate(key)}'; the fields are {string.Join(", ", GatewayRoutes.PublisherQueryFields.Order(StringComparer.Ordinal))}.");
            }
        }

        uint epochs = 1;
        if (query.TryGetValue(GatewayRoutes.Epochs, out var epochText))
        {
            if (epochText.Count != 1 || !uint.TryParse(epochText[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out epochs) || epochs == 0)
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'epochs' must be an integer from 1 to {maxEpochs}.");
            }

            if (epochs > maxEpochs)
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, $"'epochs' {epochs} is above the maximum of {maxEpochs}.");
            }
        }

        var permanent = GatewayHttp.Flag(context, GatewayRoutes.Permanent);
        var deletable = GatewayHttp.Flag(context, GatewayRoutes.Deletable);
        if (permanent && deletable)
        {
            throw new GatewayException(GatewayErrorReason.InvalidBlobPersistence, "'permanent' and 'deletable' exclude each other.");
        }

        if (query.TryGetValue(GatewayRoutes.EncodingType, out var encoding) &&
            (encoding.Count != 1 || !string.Equals(encoding[0], "RS2", StringComparison.OrdinalIgnoreCase)))
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest, "'encoding_type' must be RS2 (the only encoding type).");
        }

        Address? sendTo = null;
        if (query.TryGetValue(GatewayRoutes.SendObjectTo, out var to))
        {
            if (to.Count != 1 || !Address.TryParse(to[0], out var address))
            {
                throw new GatewayException(GatewayErrorReason.MalformedRequest, "'send_object_to' must be one address (0x and 40 hex digits).");
            }

            sendTo = address;
        }

        if (GatewayHttp.Flag(context, GatewayRoutes.Share))
        {
            throw new GatewayException(GatewayErrorReason.MalformedRequest,
                sendTo is null ? "'share' is not supported: this network has no shared blob objects; use send_object_to." : "'share' and 'send_object_to' exclude each other.");
        }

        // Deletable is the default (as in Walrus since v1.33); permanent=true makes it permanent.
        return new PublisherRequest(epochs, !permanent, GatewayHttp.Flag(context, GatewayRoutes.Force), GatewayHttp.Flag(context, GatewayRoutes.ReuseResources), sendTo);
    }
}
