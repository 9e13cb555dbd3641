namespace Walrus.Gateway;

/// <summary>What a Range header asks for.</summary>
public enum ByteRangeRequest
{
    /// <summary>The whole representation (no Range header, or one a server may ignore).</summary>
    Whole = 0,

    /// <summary>One satisfiable byte range (206).</summary>
    Partial = 1,

    /// <summary>A byte range that is malformed or outside the representation (416).</summary>
    Unsatisfiable = 2,
}
