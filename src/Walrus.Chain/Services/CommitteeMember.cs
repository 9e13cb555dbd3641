namespace Walrus.Chain.Services;

/// <summary>A member of an epoch's committee: node id, shard count (its weight), signing key and shard indices.</summary>
public sealed record CommitteeMember(uint NodeId, ushort Weight, Address SigningKey, IReadOnlyList<ushort> Shards);
