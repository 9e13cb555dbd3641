using FsCheck.Xunit;
using Walrus.Core.Encoding;
using Walrus.Core.Tests.TestSupport;

namespace Walrus.Core.Tests.Encoding;

public sealed class Rs2DecoderTests
{
    private static readonly int[] ShardCounts = [4, 5, 7, 10, 13, 31];

    [Property(MaxTest = 25, Replay = "(20251123,1)")]
    public void Decoding_from_any_n_p_primary_slivers_in_any_order_returns_the_blob(int seed)
    {
        var random = new Random(seed);
        var encoded = EncodedTestBlob.Create(ShardCounts[random.Next(ShardCounts.Length)], TestBlobs.Random(seed, random.Next(0, 30_000)));
        var config = encoded.Config;
        var subset = EncodedTestBlob.RandomSubset(random, config.ShardCount, config.PrimarySourceSymbols);
        var slivers = subset.Select(i => encoded.Primary[i]).ToArray();

        var result = new Rs2Decoder(config).DecodeAndVerify(encoded.Metadata, slivers, ConsistencyCheck.Default);

        Assert.Equal(BlobDecodeStatus.Decoded, result.Status);
        Assert.Equal(encoded.Blob, result.Blob);
    }

    [Property(MaxTest = 15, Replay = "(20251123,3)")]
    public void Decoding_from_any_n_s_secondary_slivers_in_any_order_returns_the_blob(int seed)
    {
        var random = new Random(seed);
        var encoded = EncodedTestBlob.Create(ShardCounts[random.Next(ShardCounts.Length)], TestBlobs.Random(seed, random.Next(0, 30_000)));
        var config = encoded.Config;
        var subset = EncodedTestBlob.RandomSubset(random, config.ShardCount, config.SecondarySourceSymbols);
        var slivers = subset.Select(i => encoded.Secondary[i]).ToArray();

        var result = new Rs2Decoder(config).DecodeAndVerify(encoded.Metadata, slivers, ConsistencyCheck.Strict);

        Assert.Equal(BlobDecodeStatus.Decoded, result.Status);
        Assert.Equal(encoded.Blob, result.Blob);
    }

    [Theory]
    [InlineData(ConsistencyCheck.Skip)]
    [InlineData(ConsistencyCheck.Default)]
    [InlineData(ConsistencyCheck.Strict)]
    public void Decoding_a_large_blob_at_1000_shards_from_the_last_slivers_returns_it(ConsistencyCheck check)
    {
        var encoded = EncodedTestBlob.Create(1000, TestBlobs.Random(9, 1_500_001));
        var slivers = encoded.Primary[^334..];

        var result = new Rs2Decoder(encoded.Config).DecodeAndVerify(encoded.Metadata, slivers, check);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(encoded.Blob, result.Blob);
    }

    [Fact]
    public void Decoding_from_the_systematic_slivers_copies_the_blob()
    {
        var encoded = EncodedTestBlob.Create(10, TestBlobs.Random(3, 12_345));

        var fromPrimary = new Rs2Decoder(encoded.Config).Decode(12_345, encoded.Primary[..4].Reverse().ToArray());
        var fromSecondary = new Rs2Decoder(encoded.Config).Decode(12_345, encoded.Secondary[..7]);

        Assert.Equal(encoded.Blob, fromPrimary.Blob);
        Assert.Equal(encoded.Blob, fromSecondary.Blob);
    }

    [Fact]
    public void Decoding_into_a_reused_buffer_writes_the_blob_at_its_start()
    {
        var encoded = EncodedTestBlob.Create(13, TestBlobs.Random(8, 20_000));
        var buffer = new byte[25_000];
        Array.Fill(buffer, (byte)0xee);

        var status = new Rs2Decoder(encoded.Config).TryDecodeAndVerify(encoded.Metadata, encoded.Primary[5..10], buffer, ConsistencyCheck.Default, out var error);

        Assert.Equal(BlobDecodeStatus.Decoded, status);
        Assert.Null(error);
        Assert.Equal(encoded.Blob, buffer[..20_000]);
        Assert.All(buffer[20_000..], b => Assert.Equal(0xee, b));
    }

    [Fact]
    public void Decoding_fails_with_too_few_slivers()
    {
        var encoded = EncodedTestBlob.Create(10, TestBlobs.Random(4, 1000));
        var decoder = new Rs2Decoder(encoded.Config);

        Assert.Equal(BlobDecodeStatus.NotEnoughSlivers, decoder.Decode(1000, encoded.Primary[..3]).Status);
        Assert.Equal(BlobDecodeStatus.NotEnoughSlivers, decoder.Decode(1000, [.. encoded.Primary[..3], encoded.Primary[2]]).Status);
        Assert.Equal(BlobDecodeStatus.NotEnoughSlivers, decoder.Decode(1000, []).Status);
    }

    [Fact]
    public void Decoding_refuses_mixed_types_and_slivers_of_another_blob_size()
    {
        var encoded = EncodedTestBlob.Create(10, TestBlobs.Random(5, 1000));
        var decoder = new Rs2Decoder(encoded.Config);

        Assert.Equal(BlobDecodeStatus.InvalidSlivers, decoder.Decode(1000, [.. encoded.Primary[..3], encoded.Secondary[0]]).Status);
        Assert.Equal(BlobDecodeStatus.InvalidSlivers, decoder.Decode(100_000, encoded.Primary[..4]).Status);
        Assert.Equal(BlobDecodeStatus.InvalidMetadata, decoder.Decode(encoded.Config.MaxBlobSize + 1, encoded.Primary[..4]).Status);
    }

    [Fact]
    public void The_strict_check_rejects_a_blob_whose_metadata_was_forged_for_one_systematic_sliver()
    {
        var honest = EncodedTestBlob.Create(7, TestBlobs.Random(6, 4_000));
        var forged = InconsistentBlobs.WithForgedPrimarySliver(honest, pair: 1);
        var slivers = new[] { forged.Sliver, honest.Primary[0], honest.Primary[2] };
        var decoder = new Rs2Decoder(honest.Config);

        // The forged sliver verifies against the forged metadata, and the default check skips verified slivers.
        Assert.Equal(SliverVerificationResult.Valid, SliverVerifier.Verify(forged.Sliver, forged.Metadata.Metadata, honest.Config));
        Assert.Equal(BlobDecodeStatus.Decoded, decoder.DecodeAndVerify(forged.Metadata, slivers, ConsistencyCheck.Default).Status);
        Assert.Equal(BlobDecodeStatus.InconsistentBlob, decoder.DecodeAndVerify(forged.Metadata, slivers, ConsistencyCheck.Strict).Status);
        Assert.Equal(
            BlobDecodeStatus.InconsistentBlob,
            decoder.DecodeAndVerify(forged.Metadata, honest.Secondary[..5], ConsistencyCheck.Default).Status);
    }
}
