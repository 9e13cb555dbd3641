using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>
/// A member of an epoch's committee: node id, shard count (its weight), the signing key recorded for the epoch, its
/// shards, and the node's name and network address (host:port of its storage API) from the node registry.
/// </summary>
public sealed record CommitteeMember(uint NodeId, ushort Weight, Address SigningKey, IReadOnlyList<ShardIndex> Shards, string Name = "", string NetworkAddress = "");
