using Walrus.Core;

namespace Walrus.Gateway;

/// <summary>What the chain says about a blob id, checked before any storage node is asked.</summary>
public enum BlobAvailabilityKind
{
    /// <summary>Certified (a permanent registration or a certified deletable blob object) and not expired.</summary>
    Available = 0,

    /// <summary>Never certified, expired, deleted or marked invalid.</summary>
    NotFound = 1,

    /// <summary>On the deny lists of committee members holding more than f shards.</summary>
    Forbidden = 2,
}

/// <summary>A blob id's availability, the epoch it ends (exclusive) when available, and why when not.</summary>
public sealed record BlobAvailability(BlobAvailabilityKind Kind, Epoch EndEpoch, string Why);
