namespace Walrus.Gateway.Json;

/// <summary><c>resourceOperation</c>: exactly one member is set.</summary>
public sealed record ResourceOperationResponse(
    RegisterFromScratchResponse? RegisterFromScratch = null,
    EncodedLengthResponse? ReuseStorage = null,
    EncodedLengthResponse? ReuseRegistration = null,
    ReuseAndExtendResponse? ReuseAndExtend = null,
    ReuseAndExtendResponse? ReuseAndExtendNonCertified = null);
