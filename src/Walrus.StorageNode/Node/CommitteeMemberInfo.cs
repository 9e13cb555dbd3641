namespace Walrus.StorageNode.Node;

/// <summary>A committee member as the node needs it: id, shards, signing address and HTTP address (host:port).</summary>
public sealed record CommitteeMemberInfo(uint NodeId, IReadOnlyList<ushort> Shards, string SigningAddress, string NetworkAddress);
