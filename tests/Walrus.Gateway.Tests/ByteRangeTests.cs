namespace Walrus.Gateway.Tests;

/// <summary>RFC 7233 single-range parsing for a representation of 1000 bytes.</summary>
public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-0", 0, 1)]
    [InlineData("bytes=0-999", 0, 1000)]
    [InlineData("bytes=0-5000", 0, 1000)]
    [InlineData("bytes=990-", 990, 10)]
    [InlineData("bytes=-1", 999, 1)]
    [InlineData("bytes=-1000", 0, 1000)]
    [InlineData("bytes=-5000", 0, 1000)]
    [InlineData("BYTES= 10 - 19 ", 10, 10)]
    public void Satisfiable_ranges_parse_to_start_and_length(string header, long start, long length)
    {
        Assert.Equal(ByteRangeRequest.Partial, ByteRange.Parse(header, 1000, out var range));
        Assert.Equal(new ByteRange(start, length), range);
    }

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=1000-1001")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=5-4")]
    [InlineData("bytes=x-4")]
    [InlineData("bytes=4")]
    [InlineData("bytes=-")]
    [InlineData("bytes=99999999999999999999-")]
    [InlineData("bytes=+1-2")]
    public void Unsatisfiable_or_malformed_byte_ranges_are_416(string header) =>
        Assert.Equal(ByteRangeRequest.Unsatisfiable, ByteRange.Parse(header, 1000, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-1")]
    [InlineData("bytes=0-1,5-6")]
    public void No_header_other_units_and_several_ranges_mean_the_whole_blob(string? header) =>
        Assert.Equal(ByteRangeRequest.Whole, ByteRange.Parse(header, 1000, out _));

    [Fact]
    public void An_empty_blob_has_no_satisfiable_range() =>
        Assert.Equal(ByteRangeRequest.Unsatisfiable, ByteRange.Parse("bytes=-5", 0, out _));

    [Fact]
    public void The_content_range_names_the_first_and_last_byte_and_the_size() =>
        Assert.Equal("bytes 10-19/1000", new ByteRange(10, 10).ContentRange(1000));
}
