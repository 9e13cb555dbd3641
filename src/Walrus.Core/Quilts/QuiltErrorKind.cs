namespace Walrus.Core.Quilts;

/// <summary>Why a quilt operation failed. The values are stable (a gateway maps them to reason codes).</summary>
public enum QuiltErrorKind
{
    /// <summary>The caller's input breaks a QuiltV1 rule (identifier, tags, patch count or size, symbol size).</summary>
    InvalidInput = 0,

    /// <summary>The read needs secondary slivers (columns) that were not given; <see cref="QuiltError.MissingColumns"/> lists them.</summary>
    MissingColumns = 1,

    /// <summary>The quilt's bytes are not a valid QuiltV1 (a length, version or encoding is wrong).</summary>
    CorruptQuilt = 2,

    /// <summary>The quilt has no patch with the identifier asked for.</summary>
    NotFound = 3,
}
