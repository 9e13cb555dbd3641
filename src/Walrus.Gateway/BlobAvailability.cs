using Walrus.Core;

namespace Walrus.Gateway;

/// <summary>A blob id's availability, the epoch it ends (exclusive) when available, and why when not.</summary>
public sealed record BlobAvailability(BlobAvailabilityKind Kind, Epoch EndEpoch, string Why);
