namespace Walrus.Core.Encoding;

/// <summary>A recovered sliver, or the proof that the blob is inconsistent, or why neither could be produced.</summary>
public sealed record SliverRecoveryResult(SliverRecoveryStatus Status, SliverData? Sliver, InconsistencyProof? Proof);
