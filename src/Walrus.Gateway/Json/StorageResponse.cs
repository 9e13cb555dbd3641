namespace Walrus.Gateway.Json;

/// <summary>The storage a blob object holds. On the EVM chain the storage is part of the blob token, so <c>id</c> is the blob object's id.</summary>
public sealed record StorageResponse(string Id, uint StartEpoch, uint EndEpoch, ulong StorageSize);
