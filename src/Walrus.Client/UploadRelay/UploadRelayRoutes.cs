namespace Walrus.Client.UploadRelay;

/// <summary>The upload relay's paths, query fields and limits (Walrus's upload relay API), shared by the relay and its client.</summary>
public static class UploadRelayRoutes
{
    /// <summary><c>POST</c>: the raw blob in, <c>{blob_id, confirmation_certificate}</c> out.</summary>
    public const string BlobUploadRelay = "/v1/blob-upload-relay";

    /// <summary><c>GET</c>: <c>"no_tip"</c> or <c>{"send_tip":{address, kind}}</c>.</summary>
    public const string TipConfig = "/v1/tip-config";

    public const string BlobId = "blob_id";
    public const string TxId = "tx_id";
    public const string Nonce = "nonce";
    public const string DeletableBlobObject = "deletable_blob_object";
    public const string EncodingType = "encoding_type";

    /// <summary>The largest body Walrus's relay takes (1 GiB); the relay's default limit.</summary>
    public const long DefaultMaxBodyBytes = 1L << 30;

    /// <summary>The query fields the relay accepts; any other answers 400.</summary>
    public static IReadOnlySet<string> QueryFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        BlobId, TxId, Nonce, DeletableBlobObject, EncodingType,
    };
}
