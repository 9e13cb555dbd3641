namespace Walrus.Client;

/// <summary>What a store did on chain for the blob's storage (Walrus's <c>resourceOperation</c>).</summary>
/// <param name="EncodedLength">The blob's encoded size in bytes.</param>
public abstract record ResourceOperation(long EncodedLength);

/// <summary>Bought new storage for <paramref name="EpochsAhead"/> epochs and registered the blob on it.</summary>
public sealed record RegisterFromScratch(long EncodedLength, uint EpochsAhead) : ResourceOperation(EncodedLength);

/// <summary>Registered the blob on a storage reservation the wallet already owned (only the write fee paid).</summary>
public sealed record ReuseStorage(long EncodedLength) : ResourceOperation(EncodedLength);

/// <summary>Finished the wallet's earlier registration of the same blob (nothing paid).</summary>
public sealed record ReuseRegistration(long EncodedLength) : ResourceOperation(EncodedLength);

/// <summary>Extended the wallet's certified blob object by <paramref name="EpochsExtended"/> epochs (nothing uploaded).</summary>
public sealed record ReuseAndExtend(long EncodedLength, uint EpochsExtended) : ResourceOperation(EncodedLength);

/// <summary>
/// Finished the wallet's uncertified registration, which ended too early, and extended it by
/// <paramref name="EpochsExtended"/> epochs after certifying (only the added epochs paid).
/// </summary>
public sealed record ReuseAndExtendNonCertified(long EncodedLength, uint EpochsExtended) : ResourceOperation(EncodedLength);
