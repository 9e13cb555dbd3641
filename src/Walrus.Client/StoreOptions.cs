using System.Numerics;
using Walrus.Chain;
using Walrus.Client.UploadRelay;

namespace Walrus.Client;

/// <summary>How to store a blob.</summary>
public sealed record StoreOptions
{
    /// <summary>Epochs to store for, from the current one (Walrus's <c>--epochs</c>). Default 1.</summary>
    public uint Epochs { get; init; } = 1;

    /// <summary>Deletable (the default, as in Walrus) or permanent.</summary>
    public bool Deletable { get; init; } = true;

    /// <summary>Store and pay even if the blob id is already certified for long enough.</summary>
    public bool Force { get; init; }

    /// <summary>Refuse to pay more than this many FROST (storage and write fee); null: no limit beyond the quote.</summary>
    public BigInteger? MaxCost { get; init; }

    /// <summary>Bytes of sliver data queued or in flight to all nodes at once. Default 64 MiB.</summary>
    public long MaxBytesInFlight { get; init; } = 64L << 20;

    /// <summary>Concurrent requests per node. Default 4.</summary>
    public int RequestsPerNode { get; init; } = 4;

    /// <summary>How long each node may wait for the registration before it confirms. Default 60 s.</summary>
    public TimeSpan ConfirmationWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After certifying at the quorum, how long the uploads to the remaining nodes may still run in the background
    /// (<see cref="StoreResult.RemainingUploads"/>) before they are stopped. Default 2 minutes.
    /// </summary>
    public TimeSpan RemainingUploadsTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Store until this epoch (exclusive; Walrus's <c>--end-epoch</c>) instead of <see cref="Epochs"/>.</summary>
    public uint? EndEpoch { get; init; }

    /// <summary>
    /// Store until at least this time (Walrus's <c>--earliest-expiry-time</c>) instead of <see cref="Epochs"/>: converted to
    /// epochs with the system's epoch duration and the current epoch's end.
    /// </summary>
    public DateTimeOffset? EarliestExpiryTime { get; init; }

    /// <summary>After certifying, send the blob object to this address (Walrus's <c>--send-object-to</c>); null: keep it.</summary>
    public Address? SendObjectTo { get; init; }

    /// <summary>Register on a storage reservation the wallet owns when one fits, paying only the write fee. Default true.</summary>
    public bool ReuseOwnedStorage { get; init; } = true;

    /// <summary>
    /// Store through this upload relay: register (and pay) as usual, pay the relay's tip if it asks one, send the blob in
    /// one request, check the certificate it answers against the committee's keys, certify. Null (default): upload to
    /// the storage nodes directly.
    /// </summary>
    public UploadRelayClient? UploadRelay { get; init; }

    /// <summary>The most FROST the upload relay's tip may cost (a higher tip is refused before anything is paid); null: the relay's quote.</summary>
    public BigInteger? MaxRelayTip { get; init; }
}
