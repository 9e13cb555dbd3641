using FsCheck.Xunit;
using Walrus.Core.Encoding;
using Walrus.Core.Merkle;
using Walrus.Core.Tests.TestSupport;

namespace Walrus.Core.Tests.Encoding;

public sealed class SliverRecoveryTests
{
    private static readonly int[] ShardCounts = [4, 7, 10, 13, 31];

    [Property(MaxTest = 25, Replay = "(20251124,1)")]
    public void Any_sliver_recovered_from_verified_symbols_of_other_slivers_equals_the_original(int seed)
    {
        var random = new Random(seed);
        var encoded = EncodedTestBlob.Create(ShardCounts[random.Next(ShardCounts.Length)], TestBlobs.Random(seed, random.Next(0, 20_000)));
        var config = encoded.Config;
        var targetType = random.Next(2) == 0 ? SliverType.Primary : SliverType.Secondary;
        var target = new SliverIndex((ushort)random.Next(config.ShardCount));
        var sources = encoded.Slivers(targetType == SliverType.Primary ? SliverType.Secondary : SliverType.Primary);
        var chosen = EncodedTestBlob.RandomSubset(random, config.ShardCount, config.SymbolsForRecovery(targetType));

        var symbols = chosen.Select(i => new ExpandedSliver(sources[i], config).CreateRecoverySymbol(target)).ToList();
        Assert.All(symbols, s => Assert.Equal(SymbolVerificationResult.Valid, s.Verify(encoded.Metadata.Metadata, config, target)));
        var result = SliverRecovery.RecoverOrProveInconsistency(config, encoded.Metadata.Metadata, targetType, target, symbols);

        Assert.Equal(SliverRecoveryStatus.Recovered, result.Status);
        Assert.Equal(encoded.Slivers(targetType)[target.Value], result.Sliver);
    }

    [Fact]
    public void Recovery_from_general_recovery_symbols_and_plain_decoding_symbols_works_at_1000_shards()
    {
        var encoded = EncodedTestBlob.Create(1000, TestBlobs.Random(21, 70_000));
        var config = encoded.Config;
        var target = new SliverIndex(998);
        var symbols = encoded.Primary[..334]
            .Select(s => new ExpandedSliver(s, config).CreateGeneralRecoverySymbol(target))
            .ToList();
        Assert.All(symbols, s => Assert.Equal(SymbolVerificationResult.Valid, s.Verify(encoded.Metadata.Metadata, config, target, SliverType.Secondary)));

        Assert.True(SliverRecovery.TryRecoverVerified(
            config, encoded.Metadata.Metadata, SliverType.Secondary, target,
            symbols.Select(s => s.ToDecodingSymbol(SliverType.Secondary)).ToList(), out var sliver));
        Assert.Equal(encoded.Secondary[998], sliver);
    }

    [Fact]
    public void A_corrupted_sliver_is_rejected()
    {
        var encoded = EncodedTestBlob.Create(10, TestBlobs.Random(22, 5_000));
        var metadata = encoded.Metadata.Metadata;
        var good = encoded.Secondary[3];
        var flipped = good.Symbols.ToArray();
        flipped[^1] ^= 1;

        Assert.Equal(SliverVerificationResult.Valid, SliverVerifier.Verify(good, metadata, encoded.Config));
        Assert.Equal(SliverVerificationResult.MerkleRootMismatch, SliverVerifier.Verify(new SliverData(SliverType.Secondary, good.Index, good.SymbolSize, flipped), metadata, encoded.Config));
        Assert.Equal(SliverVerificationResult.MerkleRootMismatch, SliverVerifier.Verify(new SliverData(SliverType.Secondary, new SliverIndex(4), good.SymbolSize, good.Symbols), metadata, encoded.Config));
        Assert.Equal(SliverVerificationResult.SliverSizeMismatch, SliverVerifier.Verify(new SliverData(SliverType.Secondary, good.Index, good.SymbolSize, good.Symbols[..^good.SymbolSize]), metadata, encoded.Config));
        Assert.Equal(SliverVerificationResult.SliverSizeMismatch, SliverVerifier.Verify(new SliverData(SliverType.Primary, good.Index, good.SymbolSize, good.Symbols), metadata, encoded.Config));
        Assert.Equal(SliverVerificationResult.IndexTooLarge, SliverVerifier.Verify(new SliverData(SliverType.Secondary, new SliverIndex(10), good.SymbolSize, good.Symbols), metadata, encoded.Config));
        var halfSize = new SliverData(SliverType.Secondary, good.Index, good.SymbolSize / 2, good.Symbols);
        Assert.NotEqual(SliverVerificationResult.Valid, SliverVerifier.Verify(halfSize, metadata, encoded.Config));
    }

    [Fact]
    public void Verifying_many_slivers_at_once_gives_the_same_answers_as_one_by_one()
    {
        var encoded = EncodedTestBlob.Create(13, TestBlobs.Random(23, 9_999));
        var bad = encoded.Primary[5].Symbols.ToArray();
        bad[7] ^= 0x80;
        var slivers = encoded.Primary.Concat(encoded.Secondary)
            .Append(new SliverData(SliverType.Primary, new SliverIndex(5), encoded.SymbolSize, bad))
            .ToList();

        var results = SliverVerifier.VerifyMany(slivers, encoded.Metadata.Metadata, encoded.Config);

        Assert.All(results[..^1], r => Assert.Equal(SliverVerificationResult.Valid, r));
        Assert.Equal(SliverVerificationResult.MerkleRootMismatch, results[^1]);
    }

    [Fact]
    public void A_corrupted_symbol_or_proof_is_rejected()
    {
        var encoded = EncodedTestBlob.Create(10, TestBlobs.Random(24, 3_000));
        var config = encoded.Config;
        var metadata = encoded.Metadata.Metadata;
        var target = new SliverIndex(2);
        var good = new ExpandedSliver(encoded.Secondary[6], config).CreateRecoverySymbol(target);
        Assert.Equal(SymbolVerificationResult.Valid, good.Verify(metadata, config, target));

        var data = good.Symbol.Data.ToArray();
        data[0] ^= 1;
        var badData = new RecoverySymbol(SliverType.Primary, new DecodingSymbol(good.Symbol.Index, data), good.Proof);
        var wrongSource = new RecoverySymbol(SliverType.Primary, new DecodingSymbol(7, good.Symbol.Data), good.Proof);
        var path = good.Proof.Path.ToArray();
        path[1] = InconsistentBlobs.Garbage(9);
        var badProof = new RecoverySymbol(SliverType.Primary, good.Symbol, new MerkleProof(path));
        var longProof = new RecoverySymbol(SliverType.Primary, good.Symbol, new MerkleProof([.. good.Proof.Path, MerkleNode.Empty]));
        var shortData = new RecoverySymbol(SliverType.Primary, new DecodingSymbol(good.Symbol.Index, data.AsMemory(1)), good.Proof);

        Assert.Equal(SymbolVerificationResult.InvalidProof, badData.Verify(metadata, config, target));
        Assert.Equal(SymbolVerificationResult.InvalidProof, wrongSource.Verify(metadata, config, target));
        Assert.Equal(SymbolVerificationResult.InvalidProof, badProof.Verify(metadata, config, target));
        Assert.Equal(SymbolVerificationResult.InvalidProof, longProof.Verify(metadata, config, target));
        Assert.Equal(SymbolVerificationResult.InvalidProof, good.Verify(metadata, config, new SliverIndex(3)));
        Assert.Equal(SymbolVerificationResult.SymbolSizeMismatch, shortData.Verify(metadata, config, target));
        Assert.Equal(SymbolVerificationResult.IndexTooLarge, good.Verify(metadata, config, new SliverIndex(10)));
    }

    [Fact]
    public void A_general_recovery_symbol_for_another_target_is_not_usable()
    {
        var encoded = EncodedTestBlob.Create(7, TestBlobs.Random(25, 2_000));
        var symbol = new ExpandedSliver(encoded.Primary[1], encoded.Config).CreateGeneralRecoverySymbol(new SliverIndex(4));
        var metadata = encoded.Metadata.Metadata;

        Assert.Equal(SymbolVerificationResult.Valid, symbol.Verify(metadata, encoded.Config, new SliverIndex(4), SliverType.Secondary));
        Assert.Equal(SymbolVerificationResult.SymbolNotUsable, symbol.Verify(metadata, encoded.Config, new SliverIndex(5), SliverType.Secondary));
        Assert.Equal(SymbolVerificationResult.SymbolNotUsable, symbol.Verify(metadata, encoded.Config, new SliverIndex(4), SliverType.Primary));
        // The same bytes also serve the source's own pair: symbol (1, 4) helps rebuild primary sliver 1.
        Assert.Equal(SymbolVerificationResult.Valid, symbol.Verify(metadata, encoded.Config, new SliverIndex(1), SliverType.Primary));
        Assert.Equal(new SymbolId(new SliverIndex(1), new SliverIndex(4)), symbol.Id);
    }

    [Fact]
    public void Recovery_with_too_few_or_duplicate_symbols_fails()
    {
        var encoded = EncodedTestBlob.Create(7, TestBlobs.Random(26, 2_000));
        var target = new SliverIndex(0);
        var symbols = encoded.Secondary[..4].Select(s => new ExpandedSliver(s, encoded.Config).CreateDecodingSymbol(target)).ToList();

        Assert.False(SliverRecovery.TryRecover(encoded.Config, SliverType.Primary, target, encoded.SymbolSize, symbols, out _));
        Assert.False(SliverRecovery.TryRecover(encoded.Config, SliverType.Primary, target, encoded.SymbolSize, [.. symbols, symbols[0]], out _));
        Assert.True(SliverRecovery.TryRecover(encoded.Config, SliverType.Primary, target, encoded.SymbolSize, [.. symbols, symbols[0], new ExpandedSliver(encoded.Secondary[6], encoded.Config).CreateDecodingSymbol(target)], out var sliver));
        Assert.Equal(encoded.Primary[0], sliver);
    }

    [Fact]
    public void A_sliver_checked_against_metadata_of_another_committee_is_invalid_metadata_as_for_recovery_symbols()
    {
        var encoded = EncodedTestBlob.Create(10, TestBlobs.Random(25, 4_000));
        var otherConfig = EncodingConfig.Create(13);
        var sliver = encoded.Secondary[6];
        var symbol = new ExpandedSliver(sliver, encoded.Config).CreateRecoverySymbol(new SliverIndex(2));

        Assert.Equal(SliverVerificationResult.InvalidMetadata, SliverVerifier.Verify(sliver, encoded.Metadata.Metadata, otherConfig));
        Assert.Equal(SymbolVerificationResult.InvalidMetadata, symbol.Verify(encoded.Metadata.Metadata, otherConfig, new SliverIndex(2)));
    }

    [Fact]
    public void The_pair_of_an_unverified_sliver_with_an_index_out_of_range_is_refused_not_thrown()
    {
        var sliver = new SliverData(SliverType.Secondary, new SliverIndex(10), 2, new byte[4]);

        Assert.False(sliver.TryGetPairIndex(10, out _));
        Assert.True(sliver.TryGetPairIndex(11, out var pair));
        Assert.Equal(new SliverPairIndex(0), pair);
        Assert.True(new SliverData(SliverType.Primary, new SliverIndex(3), 2, new byte[4]).TryGetPairIndex(10, out pair));
        Assert.Equal(new SliverPairIndex(3), pair);
    }
}
