namespace Walrus.Core.NodeApi;

/// <summary>The variants of <see cref="BlobStatus"/>.</summary>
public enum BlobStatusKind
{
    /// <summary>No registration of the blob id is known.</summary>
    Nonexistent = 0,

    /// <summary>The blob id was marked invalid (inconsistent encoding).</summary>
    Invalid = 1,

    /// <summary>At least one permanent registration exists.</summary>
    Permanent = 2,

    /// <summary>Only deletable registrations exist.</summary>
    Deletable = 3,
}
