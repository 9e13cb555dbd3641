using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Bcs;

namespace Walrus.Core.Encoding;

/// <summary>
/// Proof that a blob was encoded inconsistently (docs/protocol.md §9): authenticated recovery symbols for one target sliver
/// that decode to a sliver whose hash differs from the metadata. Exactly n_s symbols for a primary target, n_p for a
/// secondary one. BCS: { target_sliver_index: u16, recovery_symbols: vector of RecoverySymbol }; the target type comes
/// from the URL (<c>/inconsistencyProof/{primary|secondary}</c>).
/// </summary>
public sealed class InconsistencyProof
{
    private readonly RecoverySymbol[] _symbols;

    public InconsistencyProof(SliverType targetType, SliverIndex targetSliverIndex, IEnumerable<RecoverySymbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        TargetType = targetType;
        TargetSliverIndex = targetSliverIndex;
        _symbols = [.. symbols];
    }

    public SliverType TargetType { get; }

    public SliverIndex TargetSliverIndex { get; }

    public IReadOnlyList<RecoverySymbol> Symbols => _symbols;

    /// <summary>Checks the proof against the blob's (verified) metadata (<c>InconsistencyProof::verify</c>).</summary>
    public InconsistencyVerificationResult Verify(BlobMetadata metadata, EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(config);
        if (metadata.ShardCount != config.ShardCount || !metadata.TryGetSymbolSize(config, out var symbolSize))
        {
            return InconsistencyVerificationResult.RecoveryFailure;
        }

        if (_symbols.Length != config.SymbolsForRecovery(TargetType))
        {
            return InconsistencyVerificationResult.IncorrectSymbolCount;
        }

        var decoding = new DecodingSymbol[_symbols.Length];
        for (var i = 0; i < _symbols.Length; i++)
        {
            var symbol = _symbols[i];
            if (symbol.TargetType != TargetType || symbol.Verify(metadata, config, TargetSliverIndex) != SymbolVerificationResult.Valid)
            {
                return InconsistencyVerificationResult.InvalidRecoverySymbols;
            }

            decoding[i] = symbol.Symbol;
        }

        if (!SliverRecovery.TryRecover(config, TargetType, TargetSliverIndex, symbolSize, decoding, out var sliver))
        {
            return InconsistencyVerificationResult.RecoveryFailure;
        }

        return SliverVerifier.Verify(sliver, metadata, config) switch
        {
            SliverVerificationResult.Valid => InconsistencyVerificationResult.SliverNotInconsistent,
            SliverVerificationResult.MerkleRootMismatch => InconsistencyVerificationResult.Valid,
            _ => InconsistencyVerificationResult.VerificationError,
        };
    }

    public void WriteBcs(BcsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteU16(TargetSliverIndex.Value);
        writer.WriteLength(_symbols.Length);
        foreach (var symbol in _symbols)
        {
            symbol.WriteBcs(writer);
        }
    }

    public byte[] ToBcs()
    {
        var writer = new BcsWriter(64 + (_symbols.Length * 600));
        WriteBcs(writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Reads the BCS form. At most <paramref name="maxSymbols"/> symbols (use the config's symbols-for-recovery) of at
    /// most <paramref name="maxSymbolLength"/> bytes are accepted, checked before allocation.
    /// </summary>
    public static bool TryReadBcs(ref BcsReader reader, SliverType targetType, int maxSymbols, int maxSymbolLength, [NotNullWhen(true)] out InconsistencyProof? proof)
    {
        proof = null;
        // A recovery symbol takes at least 2 (index) + 1 (data length) + 1 (path length) bytes.
        if (!reader.TryReadU16(out var target) || !reader.TryReadLength(maxSymbols, 4, out var count))
        {
            return false;
        }

        var symbols = new RecoverySymbol[count];
        for (var i = 0; i < count; i++)
        {
            if (!RecoverySymbol.TryReadBcs(ref reader, targetType, maxSymbolLength, out var symbol))
            {
                return false;
            }

            symbols[i] = symbol;
        }

        proof = new InconsistencyProof(targetType, new SliverIndex(target), symbols);
        return true;
    }

    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, SliverType targetType, int maxSymbols, [NotNullWhen(true)] out InconsistencyProof? proof, [NotNullWhen(false)] out string? error, int maxSymbolLength = EncodingConfig.MaxSymbolSize)
    {
        var reader = new BcsReader(bytes);
        if (TryReadBcs(ref reader, targetType, maxSymbols, maxSymbolLength, out proof) && reader.TryFinish())
        {
            error = null;
            return true;
        }

        proof = null;
        error = reader.Error ?? "invalid inconsistency proof";
        return false;
    }
}
