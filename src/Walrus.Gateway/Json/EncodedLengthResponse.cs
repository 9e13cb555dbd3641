namespace Walrus.Gateway.Json;

/// <summary><c>reuseStorage</c> / <c>reuseRegistration</c>: an existing resource of this encoded length was used.</summary>
public sealed record EncodedLengthResponse(ulong EncodedLength);
