using Walrus.Client;
using Walrus.Client.UploadRelay;

namespace Walrus.Gateway.UploadRelay;

/// <summary>How an upload relay runs (<c>walrus upload-relay</c>, or <see cref="GatewayOptions.UploadRelay"/>). Every option has a default.</summary>
public sealed record UploadRelayOptions
{
    /// <summary>The tip asked per upload (null: <c>no_tip</c>, uploads are free). Default none.</summary>
    public RelayTipConfig? Tip { get; init; }

    /// <summary>Largest blob accepted, in bytes (Walrus's relay: 1 GiB); larger bodies answer 413.</summary>
    public long MaxBodyBytes { get; init; } = UploadRelayRoutes.DefaultMaxBodyBytes;

    /// <summary>Uploads fanned out at once. Default 4.</summary>
    public int MaxConcurrent { get; init; } = 4;

    /// <summary>Uploads waiting for a slot; more answer 429. Default 16.</summary>
    public int MaxQueued { get; init; } = 16;

    /// <summary>Oldest tip transaction accepted, by its block's timestamp (Walrus's relay: 1 hour). Default 1 hour.</summary>
    public TimeSpan TipMaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// File remembering the tip transactions already used, so a restart does not let one be used twice (one hash a line,
    /// appended and flushed before the answer). Null: remembered in memory only. Default null.
    /// </summary>
    public string? UsedTipsPath { get; init; }

    /// <summary>How the fan-out runs (bytes in flight, requests per node, confirmation wait); only the upload settings are used.</summary>
    public StoreOptions Upload { get; init; } = new();
}
