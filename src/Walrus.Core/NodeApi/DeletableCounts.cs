using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>How many deletable blob objects of a blob id exist, and how many of them are certified.</summary>
public sealed record DeletableCounts(
    [property: JsonPropertyName("countDeletableTotal")] uint CountDeletableTotal,
    [property: JsonPropertyName("countDeletableCertified")] uint CountDeletableCertified);
