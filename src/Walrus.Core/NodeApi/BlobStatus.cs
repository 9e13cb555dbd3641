using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// A node's view of a blob id (Walrus's <c>BlobStatus</c>), JSON in Walrus's externally tagged form with camelCase fields:
/// <c>"nonexistent"</c>; <c>{"invalid":{"event":EventId}}</c>;
/// <c>{"permanent":{"endEpoch","isCertified","statusEvent","deletableCounts","initialCertifiedEpoch"?}}</c>;
/// <c>{"deletable":{"initialCertifiedEpoch"?,"deletableCounts"}}</c>.
/// </summary>
[JsonConverter(typeof(BlobStatusJsonConverter))]
public sealed record BlobStatus
{
    /// <summary>The variant.</summary>
    public BlobStatusKind Kind { get; init; }

    /// <summary>Permanent: the latest end epoch of the permanent registrations (exclusive).</summary>
    public uint EndEpoch { get; init; }

    /// <summary>Permanent: whether a permanent registration is certified.</summary>
    public bool IsCertified { get; init; }

    /// <summary>Permanent and invalid: the event that set the status.</summary>
    public EventId? StatusEvent { get; init; }

    /// <summary>Permanent and deletable: counts of deletable objects.</summary>
    public DeletableCounts DeletableCounts { get; init; } = new(0, 0);

    /// <summary>The first epoch in which the blob id was certified, if it was.</summary>
    public uint? InitialCertifiedEpoch { get; init; }

    /// <summary>The status of an unknown blob id.</summary>
    public static BlobStatus Nonexistent { get; } = new() { Kind = BlobStatusKind.Nonexistent };
}
