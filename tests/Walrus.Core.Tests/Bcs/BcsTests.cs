using Walrus.Core.Bcs;
using Walrus.Core.Encoding;
using Walrus.Core.Merkle;
using Walrus.Core.Tests.TestSupport;

namespace Walrus.Core.Tests.Bcs;

public sealed class BcsTests
{
    [Theory]
    [InlineData(0u, new byte[] { 0x00 })]
    [InlineData(127u, new byte[] { 0x7f })]
    [InlineData(128u, new byte[] { 0x80, 0x01 })]
    [InlineData(300u, new byte[] { 0xac, 0x02 })]
    [InlineData(uint.MaxValue, new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f })]
    public void Uleb128_round_trips_with_the_canonical_bytes(uint value, byte[] bytes)
    {
        var writer = new BcsWriter();
        writer.WriteUleb128(value);
        Assert.Equal(bytes, writer.ToArray());
        var reader = new BcsReader(bytes);
        Assert.True(reader.TryReadUleb128(out var read));
        Assert.Equal(value, read);
        Assert.True(reader.TryFinish());
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00 })]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x1f })]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 })]
    [InlineData(new byte[] { 0x80 })]
    public void Non_canonical_overlong_or_truncated_uleb128_is_refused(byte[] bytes)
    {
        var reader = new BcsReader(bytes);
        Assert.False(reader.TryReadUleb128(out _));
        Assert.NotNull(reader.Error);
    }

    [Fact]
    public void Metadata_has_the_walrus_layout_and_round_trips()
    {
        var encoded = EncodedTestBlob.Create(4, TestBlobs.Random(51, 100));
        var bytes = encoded.Metadata.ToBcs();

        // blob id (32) | V1 (0) | RS2 (1) | length u64 | 4 pairs | 4 x (1, digest, 1, digest)
        Assert.Equal(32 + 1 + 1 + 8 + 1 + (4 * 66), bytes.Length);
        Assert.Equal(encoded.Metadata.BlobId.ToArray(), bytes[..32]);
        Assert.Equal(new byte[] { 0, 1, 100, 0, 0, 0, 0, 0, 0, 0, 4, 1 }, bytes[32..44]);
        Assert.True(BlobMetadataWithId.TryFromBcs(bytes, out var back, out var error), error);
        Assert.Equal(encoded.Metadata, back);
        Assert.True(BlobMetadata.TryFromBcs(encoded.Metadata.Metadata.ToBcs(), out var inner, out error), error);
        Assert.Equal(encoded.Metadata.Metadata, inner);
    }

    [Fact]
    public void Every_truncation_of_valid_bytes_is_refused_without_exceptions()
    {
        var encoded = EncodedTestBlob.Create(7, TestBlobs.Random(52, 300));
        var metadata = encoded.Metadata.ToBcs();
        var sliver = encoded.Primary[3].ToBcs();
        var symbol = new ExpandedSliver(encoded.Secondary[2], encoded.Config).CreateGeneralRecoverySymbol(new SliverIndex(6)).ToBcs();
        for (var length = 0; length < metadata.Length; length++)
        {
            Assert.False(BlobMetadataWithId.TryFromBcs(metadata.AsSpan(0, length), out _, out _));
        }

        for (var length = 0; length < sliver.Length; length++)
        {
            Assert.False(SliverData.TryFromBcs(sliver.AsSpan(0, length), SliverType.Primary, 1 << 20, out _, out _));
        }

        for (var length = 0; length < symbol.Length; length++)
        {
            Assert.False(GeneralRecoverySymbol.TryFromBcs(symbol.AsSpan(0, length), out _, out _));
        }

        Assert.False(BlobMetadataWithId.TryFromBcs([.. metadata, 0], out _, out var trailing));
        Assert.Contains("trailing", trailing, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_lengths_are_refused_before_allocating()
    {
        // Metadata claiming 2^32 - 1 pairs in a few bytes.
        var writer = new BcsWriter();
        writer.WriteFixed(new byte[32]);
        writer.WriteVariant(0);
        writer.WriteVariant(1);
        writer.WriteU64(5);
        writer.WriteUleb128(uint.MaxValue);
        Assert.False(BlobMetadataWithId.TryFromBcs(writer.ToArray(), out _, out var error));
        Assert.Contains("limit", error, StringComparison.Ordinal);

        // A pair count within the limit but beyond the bytes present.
        writer = new BcsWriter();
        writer.WriteVariant(0);
        writer.WriteVariant(1);
        writer.WriteU64(5);
        writer.WriteUleb128(60_000);
        Assert.False(BlobMetadata.TryFromBcs(writer.ToArray(), out _, out error));
        Assert.Contains("remaining", error, StringComparison.Ordinal);

        // A sliver longer than the maximum sliver size.
        writer = new BcsWriter();
        writer.WriteUleb128(2_000_000);
        Assert.False(SliverData.TryFromBcs(writer.ToArray(), SliverType.Primary, EncodingConfig.Create(1000).MaxSliverSize / 100, out _, out _));

        // A proof path longer than any tree can have.
        writer = new BcsWriter();
        writer.WriteUleb128(17);
        for (var i = 0; i < 17; i++)
        {
            writer.WriteVariant(0);
        }

        Assert.False(MerkleProofBcs.TryFromBcs(writer.ToArray(), out _, out _));

        // An inconsistency proof with more symbols than a sliver needs.
        writer = new BcsWriter();
        writer.WriteU16(1);
        writer.WriteUleb128(668);
        Assert.False(InconsistencyProof.TryFromBcs(writer.ToArray(), SliverType.Primary, 667, out _, out _));
    }

    [Fact]
    public void Unknown_variants_and_deprecated_encodings_are_refused()
    {
        var encoded = EncodedTestBlob.Create(4, TestBlobs.Random(53, 10));
        var bytes = encoded.Metadata.Metadata.ToBcs();
        var raptorQ = bytes.ToArray();
        raptorQ[1] = 0;
        var v2 = bytes.ToArray();
        v2[0] = 1;
        var badNode = bytes.ToArray();
        badNode[11] = 2;

        Assert.False(BlobMetadata.TryFromBcs(raptorQ, out _, out _));
        Assert.False(BlobMetadata.TryFromBcs(v2, out _, out _));
        Assert.False(BlobMetadata.TryFromBcs(badNode, out _, out _));
    }

    [Fact]
    public void Slivers_symbols_and_proofs_round_trip()
    {
        var encoded = EncodedTestBlob.Create(10, TestBlobs.Random(54, 3_000));
        var config = encoded.Config;
        foreach (var sliver in encoded.Primary.Take(3).Concat(encoded.Secondary.Take(3)))
        {
            var bytes = sliver.ToBcs();
            Assert.True(SliverData.TryFromBcs(bytes, sliver.Type, config.MaxSliverSize, out var back, out var error), error);
            Assert.Equal(sliver, back);
            // data length | data | u16 symbol size | u16 index
            Assert.Equal(sliver.Index.Value, BitConverter.ToUInt16(bytes, bytes.Length - 2));
            Assert.Equal(sliver.SymbolSize, BitConverter.ToUInt16(bytes, bytes.Length - 4));
        }

        var expanded = new ExpandedSliver(encoded.Primary[4], config);
        var general = expanded.CreateGeneralRecoverySymbol(new SliverIndex(9));
        Assert.True(GeneralRecoverySymbol.TryFromBcs(general.ToBcs(), out var generalBack, out var e1), e1);
        Assert.Equal(general, generalBack);
        Assert.Equal((byte)SliverType.Secondary, general.ToBcs()[0]);

        var recovery = expanded.CreateRecoverySymbol(new SliverIndex(9));
        Assert.True(RecoverySymbol.TryFromBcs(recovery.ToBcs(), SliverType.Secondary, out var recoveryBack, out var e2), e2);
        Assert.Equal(recovery, recoveryBack);

        var decoding = expanded.CreateDecodingSymbol(new SliverIndex(1));
        Assert.True(DecodingSymbol.TryFromBcs(decoding.ToBcs(), out var decodingBack, out var e3), e3);
        Assert.Equal(decoding, decodingBack);

        var proof = new MerkleProof([MerkleNode.Empty, InconsistentBlobs.Garbage(1)]);
        var proofBytes = MerkleProofBcs.ToBcs(proof);
        Assert.Equal(new byte[] { 2, 0, 1 }, proofBytes[..3]);
        Assert.True(MerkleProofBcs.TryFromBcs(proofBytes, out var proofBack, out var e4), e4);
        Assert.Equal(proof, proofBack);
    }
}
