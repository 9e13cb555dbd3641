using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;
using Walrus.Core.Merkle;

namespace Walrus.Core.Encoding;

/// <summary>
/// A decoding symbol with the Merkle proof that it is symbol <c>target</c> of its source sliver's expansion (docs/protocol.md
/// §8, §9). <see cref="TargetType"/> is the type of sliver it helps recover (its source is of the other type); it
/// is not on the wire. BCS (<c>RecoverySymbol</c>): { symbol: DecodingSymbol, proof: MerkleProof }.
/// </summary>
public sealed class RecoverySymbol : IEquatable<RecoverySymbol>
{
    public RecoverySymbol(SliverType targetType, DecodingSymbol symbol, MerkleProof proof)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(proof);
        TargetType = targetType;
        Symbol = symbol;
        Proof = proof;
    }

    /// <summary>The type of sliver this symbol helps recover.</summary>
    public SliverType TargetType { get; }

    /// <summary>The type of the sliver the symbol was taken from.</summary>
    public SliverType SourceType => TargetType == SliverType.Primary ? SliverType.Secondary : SliverType.Primary;

    public DecodingSymbol Symbol { get; }

    public MerkleProof Proof { get; }

    /// <summary>
    /// Checks that this is symbol <paramref name="targetIndex"/> of the expansion of source sliver
    /// <see cref="DecodingSymbol.Index"/>, whose hash is in <paramref name="metadata"/>.
    /// </summary>
    public SymbolVerificationResult Verify(BlobMetadata metadata, EncodingConfig config, SliverIndex targetIndex)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(config);
        var n = config.ShardCount;
        if (metadata.ShardCount != n)
        {
            return SymbolVerificationResult.InvalidMetadata;
        }

        if (Symbol.Index >= n || targetIndex.Value >= n)
        {
            return SymbolVerificationResult.IndexTooLarge;
        }

        if (!metadata.TryGetSymbolSize(config, out var symbolSize) || Symbol.Data.Length != symbolSize)
        {
            return SymbolVerificationResult.SymbolSizeMismatch;
        }

        return VerifyProof(metadata, config, SourceType, Symbol.Index, Symbol.Data.Span, targetIndex.Value, Proof);
    }

    internal static SymbolVerificationResult VerifyProof(BlobMetadata metadata, EncodingConfig config, SliverType sourceType, int sourceIndex, ReadOnlySpan<byte> data, int leafIndex, MerkleProof proof)
    {
        var n = config.ShardCount;
        if (metadata.ShardCount != n)
        {
            return SymbolVerificationResult.InvalidMetadata;
        }

        var pair = new SliverIndex((ushort)sourceIndex).ToPairIndex(sourceType, n);
        var root = metadata.GetSliverHash(pair, sourceType);
        return proof.Verify(root, n, data, leafIndex) == MerkleProofResult.Valid
            ? SymbolVerificationResult.Valid
            : SymbolVerificationResult.InvalidProof;
    }

    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Symbol.WriteBcs(writer);
        MerkleProofBcs.Write(writer, Proof);
    }

    public byte[] ToBcs()
    {
        var writer = new BcsWriter(Symbol.Data.Length + 600);
        WriteBcs(writer);
        return writer.ToArray();
    }

    public static bool TryReadBcs(ref BcsReader reader, SliverType targetType, int maxSymbolLength, [NotNullWhen(true)] out RecoverySymbol? symbol)
    {
        symbol = null;
        if (!DecodingSymbol.TryReadBcs(ref reader, maxSymbolLength, out var decoding) || !MerkleProofBcs.TryRead(ref reader, out var proof))
        {
            return false;
        }

        symbol = new RecoverySymbol(targetType, decoding, proof);
        return true;
    }

    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, SliverType targetType, [NotNullWhen(true)] out RecoverySymbol? symbol, [NotNullWhen(false)] out string? error, int maxSymbolLength = EncodingConfig.MaxSymbolSize)
    {
        var reader = new BcsReader(bytes);
        if (TryReadBcs(ref reader, targetType, maxSymbolLength, out symbol) && reader.TryFinish())
        {
            error = null;
            return true;
        }

        symbol = null;
        error = reader.Error ?? "invalid recovery symbol";
        return false;
    }

    public bool Equals(RecoverySymbol? other) =>
        other is not null && TargetType == other.TargetType && Symbol.Equals(other.Symbol) && Proof.Equals(other.Proof);

    public override bool Equals(object? obj) => Equals(obj as RecoverySymbol);

    public override int GetHashCode() => HashCode.Combine(TargetType, Symbol);
}
