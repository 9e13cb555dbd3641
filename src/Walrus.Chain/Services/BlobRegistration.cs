namespace Walrus.Chain.Services;

/// <summary>What registering a blob takes: its id, Merkle root, unencoded size, encoding type (1 = RS2) and deletability.</summary>
public sealed record BlobRegistration(Hash256 BlobId, Hash256 RootHash, ulong Size, byte EncodingType, bool Deletable);
