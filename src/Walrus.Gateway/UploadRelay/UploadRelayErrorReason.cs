namespace Walrus.Gateway.UploadRelay;

/// <summary>The upload relay's AIP-193 reasons beyond the gateway's (<see cref="GatewayErrorReason"/>), with their HTTP statuses.</summary>
public static class UploadRelayErrorReason
{
    /// <summary>400: no registration on chain matches the blob id, the deletable object or the body's size.</summary>
    public const string BlobNotRegistered = "BLOB_NOT_REGISTERED";

    /// <summary>400: the body encodes to another blob id than <c>blob_id</c>.</summary>
    public const string BlobIdMismatch = "BLOB_ID_MISMATCH";

    /// <summary>402: the relay asks a tip and the request presents none (no <c>tx_id</c> and <c>nonce</c>).</summary>
    public const string TipRequired = "TIP_REQUIRED";

    /// <summary>402: the transaction pays the relay less than its tip for this blob.</summary>
    public const string InsufficientTip = "INSUFFICIENT_TIP";

    /// <summary>400: the transaction is not a tip for this upload (another token, recipient, blob, nonce or length; failed; too old).</summary>
    public const string InvalidTip = "INVALID_TIP";

    /// <summary>409: the tip transaction already paid for an upload (or one is under way with it).</summary>
    public const string TipAlreadyUsed = "TIP_ALREADY_USED";
}
