namespace Walrus.Gateway.Quilts;

/// <summary>One stored patch: its identifier and patch id (Walrus's <c>range</c> is not set for QuiltV1 and left out).</summary>
public sealed record StoredQuiltBlobResponse(string Identifier, string QuiltPatchId);
