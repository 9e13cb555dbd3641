using Walrus.Core.Encoding;
using Walrus.Core.Tests.TestSupport;

namespace Walrus.Core.Tests.Encoding;

/// <summary>Metadata and every sliver's bytes against the reference encoder (tools/oracle) on random blobs.</summary>
public sealed class Rs2OracleTests
{
    public static TheoryData<int, int, int> DefaultCases() => new()
    {
        // shards, size, seed: sizes chosen to hit S = 2, tails of every kind, and full 64-byte blocks.
        { 4, 1, 1 },
        { 4, 2_345, 2 },
        { 7, 5_000, 3 },
        { 10, 0, 4 },
        { 10, 100_000, 5 },
        { 100, 33_333, 6 },
        { 100, 1_000_003, 7 },
        { 1000, 3_000_000, 8 },
    };

    public static TheoryData<int, int, int> SlowCases() => new()
    {
        { 4, 393_204, 11 },
        { 7, 65_536, 12 },
        { 10, 1_048_577, 13 },
        { 13, 777_777, 14 },
        { 100, 4_000_000, 15 },
        { 301, 2_500_000, 16 },
        { 1000, 1, 17 },
        { 1000, 222_778 * 64, 18 },
        { 1000, 30_000_000, 19 },
    };

    [Theory]
    [MemberData(nameof(DefaultCases))]
    public void Metadata_and_every_sliver_equal_the_reference_encoders(int shards, int size, int seed) => Check(shards, size, seed);

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(SlowCases))]
    public void Metadata_and_every_sliver_equal_the_reference_encoders_on_more_shapes(int shards, int size, int seed) => Check(shards, size, seed);

    private static void Check(int shards, int size, int seed)
    {
        var blob = TestBlobs.Random(seed, size);
        var expected = Oracle.Encode(shards, blob);
        var config = EncodingConfig.Create(shards);

        // The metadata-only path.
        var metadata = new Rs2Encoder(config).ComputeMetadata(blob);
        Assert.Equal(expected.BlobId, metadata.BlobId.ToString());
        Assert.Equal(expected.RootHash, metadata.Metadata.ComputeRootHash().ToHex());
        Assert.Equal((ulong)size, metadata.Metadata.UnencodedLength);
        for (var p = 0; p < shards; p++)
        {
            Assert.Equal(expected.Pairs[p].PrimaryHash, metadata.Metadata.Hashes[p].PrimaryHash.ToHex());
            Assert.Equal(expected.Pairs[p].SecondaryHash, metadata.Metadata.Hashes[p].SecondaryHash.ToHex());
        }

        // The full encode, both with every sliver held and recomputed in small bands.
        foreach (var options in new[] { EncodedBlobOptions.MaterializeAll, new EncodedBlobOptions { MaxPrimaryBandBytes = 1 } })
        {
            using var encoded = new Rs2Encoder(config).Encode(blob, options);
            Assert.Equal(metadata, encoded.Metadata);
            foreach (var pair in encoded.SliverPairs())
            {
                var reference = expected.Pairs[pair.Index.Value];
                Assert.Equal(reference.PrimaryIndex, pair.Primary.Index.Value);
                Assert.Equal(reference.SecondaryIndex, pair.Secondary.Index.Value);
                Assert.Equal(reference.SymbolSize, pair.Primary.SymbolSize);
                Assert.True(reference.Primary.AsSpan().SequenceEqual(pair.Primary.Symbols.Span), $"primary sliver of pair {pair.Index} differs");
                Assert.True(reference.Secondary.AsSpan().SequenceEqual(pair.Secondary.Symbols.Span), $"secondary sliver of pair {pair.Index} differs");
            }
        }
    }
}
