using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Http;
using Walrus.Chain;
using Walrus.Client.UploadRelay;
using Walrus.Core;

namespace Walrus.Gateway.UploadRelay;

/// <summary>
/// The query of <c>POST /v1/blob-upload-relay</c>: <c>blob_id</c> (required), <c>deletable_blob_object</c> (the object
/// id of a deletable blob; absent for a permanent one), <c>tx_id</c> and <c>nonce</c> (the tip; both or neither),
/// <c>encoding_type</c> (RS2 only). Unknown or repeated fields answer 400.
/// </summary>
internal sealed record UploadRelayRequest(BlobId BlobId, BigInteger? DeletableObjectId, Hash256? TxId, byte[] Nonce)
{
    /// <summary>The most bytes a nonce may have.</summary>
    public const int MaxNonceBytes = 64;

    public static UploadRelayRequest Parse(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (!UploadRelayRoutes.QueryFields.Contains(name))
            {
                throw Malformed($"unknown query field '{GatewayHttp.Truncate(name)}'; the relay takes {string.Join(", ", UploadRelayRoutes.QueryFields)}");
            }

            if (values.Count != 1)
            {
                throw Malformed($"'{name}' is given more than once");
            }
        }

        var blobIdText = One(query, UploadRelayRoutes.BlobId) ?? throw Malformed($"'{UploadRelayRoutes.BlobId}' is required");
        if (!BlobId.TryParse(blobIdText, out var blobId))
        {
            throw Malformed($"'{GatewayHttp.Truncate(blobIdText)}' is not a blob id (43 characters of URL-safe base64)");
        }

        BigInteger? objectId = null;
        if (One(query, UploadRelayRoutes.DeletableBlobObject) is { } objectText)
        {
            objectId = ParseObjectId(objectText) ?? throw Malformed($"'{GatewayHttp.Truncate(objectText)}' is not an object id (0x and up to 64 hex digits)");
        }

        if (One(query, UploadRelayRoutes.EncodingType) is { } encoding && !string.Equals(encoding, "RS2", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed($"encoding type '{GatewayHttp.Truncate(encoding)}' is not supported; RS2 is");
        }

        Hash256? txId = null;
        if (One(query, UploadRelayRoutes.TxId) is { } txText)
        {
            if (txText.Length != 66 || !txText.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !IsHex(txText.AsSpan(2)))
            {
                throw Malformed($"'{GatewayHttp.Truncate(txText)}' is not a transaction hash (0x and 64 hex digits)");
            }

            txId = Hash256.Parse(txText);
        }

        var nonce = Array.Empty<byte>();
        if (One(query, UploadRelayRoutes.Nonce) is { } nonceText)
        {
            nonce = FromBase64Url(nonceText) ?? throw Malformed($"the nonce is not 1 to {MaxNonceBytes} bytes of unpadded URL-safe base64");
        }

        if ((txId is null) != (nonce.Length == 0))
        {
            throw Malformed($"'{UploadRelayRoutes.TxId}' and '{UploadRelayRoutes.Nonce}' go together");
        }

        return new UploadRelayRequest(blobId, objectId, txId, nonce);
    }

    private static string? One(IQueryCollection query, string name) => query.TryGetValue(name, out var values) ? values[0] : null;

    private static BigInteger? ParseObjectId(string text)
    {
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length < 3 || text.Length > 66 || !IsHex(text.AsSpan(2)))
        {
            return null;
        }

        return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Length == 0 || text.Length > (MaxNonceBytes * 4 / 3) + 4)
        {
            return null;
        }

        var standard = text.Replace('-', '+').Replace('_', '/');
        standard += (standard.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        var buffer = new byte[standard.Length];
        return Convert.TryFromBase64String(standard, buffer, out var written) && written is > 0 and <= MaxNonceBytes ? buffer[..written] : null;
    }

    private static GatewayException Malformed(string message) => new(GatewayErrorReason.MalformedRequest, message + ".");
}
