using System.Diagnostics.CodeAnalysis;

namespace Walrus.Core.Encoding;

/// <summary>
/// Rebuilds a sliver from symbols of the other type (docs/protocol.md §9): a primary sliver i from n_s symbols (i, j) taken
/// from secondary slivers j, a secondary sliver j from n_p symbols (i, j) taken from primary slivers i.
/// </summary>
public static class SliverRecovery
{
    /// <summary>
    /// Decodes sliver <paramref name="targetIndex"/> of <paramref name="targetType"/> from decoding symbols, without any
    /// verification. Symbols with an index out of range, a wrong size or a repeated index are skipped; the first
    /// <see cref="EncodingConfig.SymbolsForRecovery"/> usable ones are decoded.
    /// </summary>
    /// <returns>false if too few usable symbols were given.</returns>
    public static unsafe bool TryRecover(
        EncodingConfig config, SliverType targetType, SliverIndex targetIndex, int symbolSize,
        IReadOnlyList<DecodingSymbol> symbols, [NotNullWhen(true)] out SliverData? sliver)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(symbols);
        sliver = null;
        if (symbolSize <= 0 || (symbolSize & 1) != 0 || targetIndex.Value >= config.ShardCount)
        {
            return false;
        }

        var required = config.SymbolsForRecovery(targetType);
        var indices = new int[required];
        var shards = GC.AllocateUninitializedArray<byte>(required * symbolSize);
        var seen = new bool[config.ShardCount];
        var count = 0;
        for (var i = 0; i < symbols.Count && count < required; i++)
        {
            var symbol = symbols[i];
            if (symbol.Index >= config.ShardCount || symbol.Data.Length != symbolSize || seen[symbol.Index])
            {
                continue;
            }

            seen[symbol.Index] = true;
            indices[count] = symbol.Index;
            symbol.Data.Span.CopyTo(shards.AsSpan(count * symbolSize));
            count++;
        }

        if (count < required)
        {
            return false;
        }

        var data = GC.AllocateUninitializedArray<byte>(required * symbolSize);
        if (!config.DecoderOf(targetType).TryDecode(indices, shards, symbolSize, data, symbolSize, symbolSize))
        {
            return false;
        }

        sliver = new SliverData(targetType, targetIndex, symbolSize, data);
        return true;
    }

    /// <summary>
    /// Decodes the target sliver from symbols whose proofs were already checked
    /// (<see cref="RecoverySymbol.Verify"/>) and checks it against the metadata: a match is returned, a mismatch turns
    /// into an <see cref="InconsistencyProof"/> over the symbols used (<c>recover_sliver_or_generate_inconsistency_proof</c>).
    /// </summary>
    public static SliverRecoveryResult RecoverOrProveInconsistency(
        EncodingConfig config, BlobMetadata metadata, SliverType targetType, SliverIndex targetIndex,
        IReadOnlyList<RecoverySymbol> verifiedSymbols)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(verifiedSymbols);
        if (metadata.ShardCount != config.ShardCount || !metadata.TryGetSymbolSize(config, out var symbolSize))
        {
            return new SliverRecoveryResult(SliverRecoveryStatus.InvalidMetadata, null, null);
        }

        var required = config.SymbolsForRecovery(targetType);
        var used = new List<RecoverySymbol>(required);
        var decoding = new List<DecodingSymbol>(required);
        foreach (var symbol in verifiedSymbols)
        {
            if (used.Count == required)
            {
                break;
            }

            if (symbol.TargetType == targetType)
            {
                used.Add(symbol);
                decoding.Add(symbol.Symbol);
            }
        }

        if (!TryRecover(config, targetType, targetIndex, symbolSize, decoding, out var sliver))
        {
            return new SliverRecoveryResult(SliverRecoveryStatus.NotEnoughSymbols, null, null);
        }

        return SliverVerifier.Verify(sliver, metadata, config) switch
        {
            SliverVerificationResult.Valid => new SliverRecoveryResult(SliverRecoveryStatus.Recovered, sliver, null),
            SliverVerificationResult.MerkleRootMismatch => new SliverRecoveryResult(
                SliverRecoveryStatus.Inconsistent, null, new InconsistencyProof(targetType, targetIndex, used)),
            _ => new SliverRecoveryResult(SliverRecoveryStatus.InvalidMetadata, null, null),
        };
    }

    /// <summary>
    /// Decodes the target sliver from decoding symbols without proofs (what a client gets from
    /// <c>GET .../decodingSymbols</c>) and accepts it only if it matches the metadata.
    /// </summary>
    public static bool TryRecoverVerified(
        EncodingConfig config, BlobMetadata metadata, SliverType targetType, SliverIndex targetIndex,
        IReadOnlyList<DecodingSymbol> symbols, [NotNullWhen(true)] out SliverData? sliver)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        sliver = null;
        if (metadata.ShardCount != config.ShardCount || !metadata.TryGetSymbolSize(config, out var symbolSize)
            || !TryRecover(config, targetType, targetIndex, symbolSize, symbols, out var candidate)
            || SliverVerifier.Verify(candidate, metadata, config) != SliverVerificationResult.Valid)
        {
            return false;
        }

        sliver = candidate;
        return true;
    }
}
