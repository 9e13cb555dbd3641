namespace Walrus.Gateway.Json;

/// <summary><c>registerFromScratch</c>: new storage bought for <c>epochsAhead</c> epochs.</summary>
public sealed record RegisterFromScratchResponse(ulong EncodedLength, uint EpochsAhead);
