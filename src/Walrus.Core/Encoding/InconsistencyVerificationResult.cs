namespace Walrus.Core.Encoding;

/// <summary>The outcome of checking an <see cref="InconsistencyProof"/> (docs/protocol.md §9).</summary>
public enum InconsistencyVerificationResult
{
    /// <summary>The proof holds: the symbols are authentic and decode to a sliver that does not match the metadata.</summary>
    Valid,

    /// <summary>Not exactly the number of symbols the target sliver needs.</summary>
    IncorrectSymbolCount,

    /// <summary>Some symbol's size, index or Merkle proof does not check.</summary>
    InvalidRecoverySymbols,

    /// <summary>No sliver could be decoded from the symbols.</summary>
    RecoveryFailure,

    /// <summary>The decoded sliver matches the metadata: nothing is inconsistent.</summary>
    SliverNotInconsistent,

    /// <summary>The decoded sliver failed another check (an internal problem, not an inconsistent blob).</summary>
    VerificationError,
}
