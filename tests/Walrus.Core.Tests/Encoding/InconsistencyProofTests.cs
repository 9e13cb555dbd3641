using Walrus.Core.Bcs;
using Walrus.Core.Encoding;
using Walrus.Core.Tests.TestSupport;

namespace Walrus.Core.Tests.Encoding;

public sealed class InconsistencyProofTests
{
    [Theory]
    [InlineData(7, 0)]
    [InlineData(10, 3)]
    [InlineData(31, 30)]
    public void A_blob_encoded_inconsistently_on_purpose_yields_a_proof_that_verifies(int shards, int pair)
    {
        var honest = EncodedTestBlob.Create(shards, TestBlobs.Random(shards + pair, 6_000));
        var forged = InconsistentBlobs.WithForgedPrimarySliver(honest, pair);
        var config = honest.Config;
        var metadata = forged.Metadata.Metadata;
        Assert.Equal(MetadataVerificationResult.Valid, forged.Metadata.Verify(config));
        var target = new SliverIndex((ushort)pair);

        // A node recovering primary sliver `pair` from the (honest) secondary slivers' symbols.
        var symbols = honest.Secondary.Select(s => new ExpandedSliver(s, config).CreateRecoverySymbol(target)).ToList();
        Assert.All(symbols, s => Assert.Equal(SymbolVerificationResult.Valid, s.Verify(metadata, config, target)));
        var result = SliverRecovery.RecoverOrProveInconsistency(config, metadata, SliverType.Primary, target, symbols);

        Assert.Equal(SliverRecoveryStatus.Inconsistent, result.Status);
        var proof = result.Proof!;
        Assert.Equal(config.SecondarySourceSymbols, proof.Symbols.Count);
        Assert.Equal(InconsistencyVerificationResult.Valid, proof.Verify(metadata, config));

        // It survives the wire.
        Assert.True(InconsistencyProof.TryFromBcs(proof.ToBcs(), SliverType.Primary, config.SymbolsForRecovery(SliverType.Primary), out var decoded, out var error), error);
        Assert.Equal(InconsistencyVerificationResult.Valid, decoded.Verify(metadata, config));

        // Against the honest metadata the same symbols prove nothing.
        Assert.Equal(InconsistencyVerificationResult.SliverNotInconsistent, proof.Verify(honest.Metadata.Metadata, config));
    }

    [Fact]
    public void A_proof_with_a_missing_or_tampered_symbol_does_not_verify()
    {
        var honest = EncodedTestBlob.Create(10, TestBlobs.Random(31, 5_000));
        var forged = InconsistentBlobs.WithForgedPrimarySliver(honest, 2);
        var config = honest.Config;
        var target = new SliverIndex(2);
        var symbols = honest.Secondary[..7].Select(s => new ExpandedSliver(s, config).CreateRecoverySymbol(target)).ToList();
        var metadata = forged.Metadata.Metadata;

        Assert.Equal(InconsistencyVerificationResult.Valid, new InconsistencyProof(SliverType.Primary, target, symbols).Verify(metadata, config));
        Assert.Equal(InconsistencyVerificationResult.IncorrectSymbolCount, new InconsistencyProof(SliverType.Primary, target, symbols[1..]).Verify(metadata, config));

        var tampered = symbols.ToList();
        var data = tampered[3].Symbol.Data.ToArray();
        data[1] ^= 4;
        tampered[3] = new RecoverySymbol(SliverType.Primary, new DecodingSymbol(tampered[3].Symbol.Index, data), tampered[3].Proof);
        Assert.Equal(InconsistencyVerificationResult.InvalidRecoverySymbols, new InconsistencyProof(SliverType.Primary, target, tampered).Verify(metadata, config));

        var duplicated = symbols.ToList();
        duplicated[6] = duplicated[5];
        Assert.Equal(InconsistencyVerificationResult.RecoveryFailure, new InconsistencyProof(SliverType.Primary, target, duplicated).Verify(metadata, config));
    }

    [Fact]
    public void A_secondary_target_proof_works_the_same_way()
    {
        // Forge secondary sliver 5's hash: recovering it from the primary slivers yields the honest column.
        var honest = EncodedTestBlob.Create(7, TestBlobs.Random(32, 3_000));
        var config = honest.Config;
        var hashes = honest.Metadata.Metadata.Hashes.ToArray();
        var pair = new SliverIndex(5).ToPairIndex(SliverType.Secondary, 7).Value;
        hashes[pair] = hashes[pair] with { SecondaryHash = InconsistentBlobs.Garbage(3) };
        var metadata = new BlobMetadata(EncodingType.RS2, honest.Metadata.Metadata.UnencodedLength, hashes);
        var target = new SliverIndex(5);
        var symbols = honest.Primary[..3].Select(s => new ExpandedSliver(s, config).CreateRecoverySymbol(target)).ToList();

        var result = SliverRecovery.RecoverOrProveInconsistency(config, metadata, SliverType.Secondary, target, symbols);

        Assert.Equal(SliverRecoveryStatus.Inconsistent, result.Status);
        Assert.Equal(InconsistencyVerificationResult.Valid, result.Proof!.Verify(metadata, config));
        var writer = new BcsWriter();
        result.Proof.WriteBcs(writer);
        Assert.Equal(result.Proof.ToBcs(), writer.ToArray());
    }
}
