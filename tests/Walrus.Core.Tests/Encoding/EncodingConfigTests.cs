using Walrus.Core.Encoding;

namespace Walrus.Core.Tests.Encoding;

public sealed class EncodingConfigTests
{
    [Theory]
    [InlineData(4, 1, 2, 3)]
    [InlineData(7, 2, 3, 5)]
    [InlineData(10, 3, 4, 7)]
    [InlineData(31, 10, 11, 21)]
    [InlineData(100, 33, 34, 67)]
    [InlineData(101, 33, 35, 68)]
    [InlineData(301, 100, 101, 201)]
    [InlineData(1000, 333, 334, 667)]
    public void Source_symbol_counts_follow_walrus(int n, int f, int primary, int secondary)
    {
        var config = EncodingConfig.Create(n);

        Assert.Equal(f, config.MaxFaulty);
        Assert.Equal(primary, config.PrimarySourceSymbols);
        Assert.Equal(secondary, config.SecondarySourceSymbols);
    }

    [Fact]
    public void Mainnet_sizes_and_limits_match_the_documented_figures()
    {
        var config = EncodingConfig.Create(1000);

        Assert.Equal(14_599_533_452L, config.MaxBlobSize);
        Assert.Equal(64_032L, config.MetadataLength);
        Assert.Equal(667L * 65534, config.MaxSliverSize);
        Assert.Equal(66_034_000L, config.GetEncodedLength(0));
        Assert.Equal(66_034_000L, config.GetEncodedLength(1));
        Assert.Equal(2, config.GetSymbolSize(0));
        Assert.Equal(6, config.GetSymbolSize(1_000_000));
        Assert.Equal(1000L * ((1001 * 6) + 64_032), config.GetEncodedLength(1_000_000));
        Assert.Equal(65534, config.GetSymbolSize(config.MaxBlobSize));
        Assert.False(config.CanEncode(config.MaxBlobSize + 1));
    }

    [Theory]
    [InlineData(0L, 2)]
    [InlineData(1L, 2)]
    [InlineData(6L, 2)]
    [InlineData(7L, 2)]
    [InlineData(12L, 2)]
    [InlineData(13L, 4)]
    [InlineData(24L, 4)]
    [InlineData(25L, 6)]
    [InlineData(36L, 6)]
    [InlineData(37L, 8)]
    public void The_symbol_size_is_the_length_per_source_symbol_rounded_up_to_even(long length, int expected)
    {
        // n = 4: n_p * n_s = 2 * 3 = 6 source symbols; the empty blob counts as one byte.
        Assert.Equal(expected, EncodingConfig.Create(4).GetSymbolSize(length));
    }

    [Fact]
    public void A_blob_too_large_for_the_shard_count_is_refused_naming_the_maximum()
    {
        var config = EncodingConfig.Create(4);

        var error = Assert.Throws<BlobTooLargeException>(() => config.GetSymbolSize(393_205));
        Assert.Contains("393,204", error.Message, StringComparison.Ordinal);
        Assert.Contains("4 shards", error.Message, StringComparison.Ordinal);
        Assert.Equal(65534, config.GetSymbolSize(393_204));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(65536)]
    public void Shard_counts_outside_the_supported_range_are_refused_with_the_limit(int n)
    {
        Assert.False(EncodingConfig.TryCreate(n, out _, out var error));
        Assert.Contains(n < 4 ? "at least 4" : "at most 65535", error, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => EncodingConfig.Create(n));
    }

    [Fact]
    public void The_largest_sliver_size_does_not_overflow_at_the_largest_shard_count_the_codes_support()
    {
        const int n = 49_155;
        Assert.True(EncodingConfig.TryCreate(n, out var config, out var error), error);

        Assert.Equal((long)(n - ((n - 1) / 3)) * 65534, config.MaxSliverSize);
        Assert.True(config.MaxSliverSize > int.MaxValue);
        Assert.Equal(config.MaxSliverSize, config.SliverLength(SliverType.Primary, config.MaxBlobSize));
    }
}
