using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;
using Walrus.Core.Merkle;

namespace Walrus.Core.Encoding;

/// <summary>
/// A recovery symbol as the storage nodes serve it (<c>GET .../recoverySymbols</c>, docs/protocol.md §8, §9): the symbol at
/// the intersection of its source sliver and the target sliver, with the Merkle proof from the source sliver's
/// expansion. BCS: { symbol: EitherDecodingSymbol, target_index: u16, proof: MerkleProof }.
/// </summary>
public sealed class GeneralRecoverySymbol : IEquatable<GeneralRecoverySymbol>
{
    public GeneralRecoverySymbol(EitherDecodingSymbol symbol, SliverIndex targetIndex, MerkleProof proof)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(proof);
        Symbol = symbol;
        TargetIndex = targetIndex;
        Proof = proof;
    }

    public EitherDecodingSymbol Symbol { get; }

    /// <summary>The index of the sliver of type <see cref="EitherDecodingSymbol.Axis"/> this symbol belongs to (its leaf in the proof).</summary>
    public SliverIndex TargetIndex { get; }

    public MerkleProof Proof { get; }

    /// <summary>The symbol's position in the expanded matrix.</summary>
    public SymbolId Id => Symbol.Axis == SliverType.Primary
        ? new SymbolId(TargetIndex, new SliverIndex(Symbol.Symbol.Index))
        : new SymbolId(new SliverIndex(Symbol.Symbol.Index), TargetIndex);

    /// <summary>
    /// Checks that this symbol can help recover sliver <paramref name="targetIndex"/> of <paramref name="targetType"/>
    /// and is authenticated by <paramref name="metadata"/> (<c>GeneralRecoverySymbol::verify</c>).
    /// </summary>
    public SymbolVerificationResult Verify(BlobMetadata metadata, EncodingConfig config, SliverIndex targetIndex, SliverType targetType)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(config);
        var n = config.ShardCount;
        if (metadata.ShardCount != n)
        {
            return SymbolVerificationResult.InvalidMetadata;
        }

        var sourceIndex = Symbol.Symbol.Index;
        if (sourceIndex >= n || TargetIndex.Value >= n)
        {
            return SymbolVerificationResult.IndexTooLarge;
        }

        if (!metadata.TryGetSymbolSize(config, out var symbolSize) || Symbol.Symbol.Data.Length != symbolSize)
        {
            return SymbolVerificationResult.SymbolSizeMismatch;
        }

        if (!((Symbol.SourceType != targetType && TargetIndex == targetIndex) || sourceIndex == targetIndex.Value))
        {
            return SymbolVerificationResult.SymbolNotUsable;
        }

        return RecoverySymbol.VerifyProof(metadata, config, Symbol.SourceType, sourceIndex, Symbol.Symbol.Data.Span, TargetIndex.Value, Proof);
    }

    /// <summary>The decoding symbol for recovering a sliver of <paramref name="targetType"/> (the same bytes serve both axes).</summary>
    public DecodingSymbol ToDecodingSymbol(SliverType targetType) =>
        Symbol.Axis == targetType ? Symbol.Symbol : new DecodingSymbol(TargetIndex.Value, Symbol.Symbol.Data);

    /// <summary>The axis-specific recovery symbol (for inconsistency proofs).</summary>
    public RecoverySymbol ToRecoverySymbol() => new(Symbol.Axis, Symbol.Symbol, Proof);

    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Symbol.WriteBcs(writer);
        writer.WriteU16(TargetIndex.Value);
        MerkleProofBcs.Write(writer, Proof);
    }

    public byte[] ToBcs()
    {
        var writer = new BcsWriter(Symbol.Symbol.Data.Length + 600);
        WriteBcs(writer);
        return writer.ToArray();
    }

    public static bool TryReadBcs(ref BcsReader reader, int maxSymbolLength, [NotNullWhen(true)] out GeneralRecoverySymbol? symbol)
    {
        symbol = null;
        if (!EitherDecodingSymbol.TryReadBcs(ref reader, maxSymbolLength, out var either)
            || !reader.TryReadU16(out var target)
            || !MerkleProofBcs.TryRead(ref reader, out var proof))
        {
            return false;
        }

        symbol = new GeneralRecoverySymbol(either, new SliverIndex(target), proof);
        return true;
    }

    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out GeneralRecoverySymbol? symbol, [NotNullWhen(false)] out string? error, int maxSymbolLength = EncodingConfig.MaxSymbolSize)
    {
        var reader = new BcsReader(bytes);
        if (TryReadBcs(ref reader, maxSymbolLength, out symbol) && reader.TryFinish())
        {
            error = null;
            return true;
        }

        symbol = null;
        error = reader.Error ?? "invalid recovery symbol";
        return false;
    }

    public bool Equals(GeneralRecoverySymbol? other) =>
        other is not null && Symbol.Axis == other.Symbol.Axis && Symbol.Symbol.Equals(other.Symbol.Symbol)
        && TargetIndex == other.TargetIndex && Proof.Equals(other.Proof);

    public override bool Equals(object? obj) => Equals(obj as GeneralRecoverySymbol);

    public override int GetHashCode() => HashCode.Combine(Symbol.Axis, Symbol.Symbol.Index, TargetIndex);
}
