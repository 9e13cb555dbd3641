namespace Walrus.Gateway.Json;

/// <summary><c>reuseAndExtend</c> / <c>reuseAndExtendNonCertified</c>: an existing registration was extended.</summary>
public sealed record ReuseAndExtendResponse(ulong EncodedLength, uint EpochsExtended);
