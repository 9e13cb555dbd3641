using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Core.Tests.Quilts;

public sealed class QuiltLimitsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("_test")]
    [InlineData("-test")]
    [InlineData(".test")]
    [InlineData("test blob")]
    [InlineData("123test")]
    [InlineData("日本語 ✓")]
    [InlineData("😀")]
    public void Walrus_identifiers_are_accepted(string identifier) => Assert.True(QuiltIdentifier.TryValidate(identifier, out _));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("test ", "whitespace")]
    [InlineData("test\t", "control")]
    [InlineData("test\u3000", "whitespace")]
    [InlineData("te\bst", "control")]
    [InlineData("\u001btest", "control")]
    [InlineData("test\0", "control")]
    [InlineData("test\u007f", "control")]
    [InlineData("test\u0080", "control")]
    [InlineData("test\u009f", "control")]
    public void Identifiers_breaking_a_rule_are_refused_with_the_rule(string identifier, string word)
    {
        Assert.False(QuiltIdentifier.TryValidate(identifier, out var error));
        Assert.Contains(word, error, StringComparison.Ordinal);
        var builder = new QuiltBuilder(EncodingConfig.Create(10));
        var exception = Assert.Throws<QuiltException>(() => builder.Add(identifier, new byte[1]));
        Assert.Equal(QuiltErrorKind.InvalidInput, exception.Error.Kind);
    }

    [Fact]
    public void An_identifier_with_an_unpaired_surrogate_is_refused()
    {
        var identifier = "a" + (char)0xd800 + "b";
        Assert.False(QuiltIdentifier.TryValidate(identifier, out var error));
        Assert.Contains("surrogate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identifier_of_65531_bytes_is_the_longest()
    {
        Assert.True(QuiltIdentifier.TryValidate(new string('a', QuiltLayout.MaxIdentifierBytes), out _));
        Assert.False(QuiltIdentifier.TryValidate(new string('a', QuiltLayout.MaxIdentifierBytes + 1), out var error));
        Assert.Contains("at most 65531", error, StringComparison.Ordinal);
        Assert.False(QuiltIdentifier.TryValidate(new string('é', 32_766), out _));
    }

    [Fact]
    public void Duplicate_identifiers_are_refused()
    {
        var builder = new QuiltBuilder(EncodingConfig.Create(10)).Add("a", new byte[1]);
        Assert.False(builder.TryAdd("a", new byte[2], null, out var error));
        Assert.Contains("used by two patches", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quilt_holds_666_patches_at_1000_shards()
    {
        var config = EncodingConfig.Create(1000);
        Assert.Equal(666, QuiltLayout.MaxPatches(config));
        var builder = new QuiltBuilder(config);
        for (var i = 0; i < 666; i++)
        {
            builder.Add($"p{i}", new byte[1]);
        }

        Assert.False(builder.TryAdd("one-more", new byte[1], null, out var error));
        Assert.Equal("A quilt holds at most 666 patches at 1000 shards (n_s - 1).", error.Message);
        var quilt = builder.Build();
        Assert.Equal(666, quilt.Index.Patches.Count);
        Assert.Equal(config.GetEncodedLength(quilt.Length), quilt.EncodedLength);
    }

    [Fact]
    public void An_empty_quilt_is_refused()
    {
        Assert.False(new QuiltBuilder(EncodingConfig.Create(10)).TryBuild(out _, out var error));
        Assert.Contains("at least one patch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_of_64_KiB_or_more_are_refused()
    {
        // A map of one entry: count (1), key (1 + 1), value (3 + n): 65535 bytes at n = 65529.
        var fits = new Dictionary<string, string> { ["k"] = new string('v', 65_529) };
        Assert.True(QuiltTags.TryCreate(fits, out var tags, out _));
        Assert.Equal(65_535, tags.BcsSize);
        var builder = new QuiltBuilder(EncodingConfig.Create(100));
        Assert.True(builder.TryAdd("fits", new byte[1], fits, out _));

        var over = new Dictionary<string, string> { ["k"] = new string('v', 65_530) };
        Assert.False(builder.TryAdd("over", new byte[1], over, out var error));
        Assert.Contains("at most 65535 are allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_of_4_GiB_is_refused_instead_of_truncated()
    {
        var builder = new QuiltBuilder(EncodingConfig.Create(1000));
        Assert.False(builder.TryAdd("huge", new LengthOnlyStream(uint.MaxValue + 1L), null, out var error));
        Assert.Contains("its length is a u32", error.Message, StringComparison.Ordinal);

        // With the header's identifier bytes, the data alone must stay a few bytes under 4 GiB.
        Assert.False(builder.TryAdd("huge", new LengthOnlyStream(uint.MaxValue - 3L), null, out _));
        Assert.True(builder.TryAdd("largest", new LengthOnlyStream(uint.MaxValue - 2L - 8L), null, out error), error?.Message);
    }

    [Fact]
    public void A_quilt_needing_symbols_over_65534_bytes_is_refused()
    {
        var builder = new QuiltBuilder(EncodingConfig.Create(4)).Add("big", new byte[300_000]);
        Assert.False(builder.TryBuild(out _, out var error));
        Assert.Contains("at most 65534 are possible", error.Message, StringComparison.Ordinal);
        Assert.Throws<QuiltException>(() => builder.Build());
    }

    [Fact]
    public void Non_seekable_streams_are_refused()
    {
        var builder = new QuiltBuilder(EncodingConfig.Create(10));
        Assert.False(builder.TryAdd("s", new LengthOnlyStream(10, seekable: false), null, out var error));
        Assert.Contains("seekable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_kinds_keep_their_values()
    {
        Assert.Equal(0, (int)QuiltErrorKind.InvalidInput);
        Assert.Equal(1, (int)QuiltErrorKind.MissingColumns);
        Assert.Equal(2, (int)QuiltErrorKind.CorruptQuilt);
        Assert.Equal(3, (int)QuiltErrorKind.NotFound);
    }

    [Theory]
    [MemberData(nameof(WalrusSearchCases))]
    public void The_symbol_size_search_gives_walrus_results(long[] sizes, int columns, int rows, int maxIndexColumns, int expected)
    {
        Assert.True(QuiltLayout.TryComputeSymbolSize(sizes, columns, rows, maxIndexColumns, out var symbolSize, out var error), error?.Message);
        Assert.Equal(expected, symbolSize);
    }

    [Fact]
    public void The_symbol_size_search_refuses_more_blobs_than_columns() =>
        Assert.False(QuiltLayout.TryComputeSymbolSize([2, 1, 2, 1], 3, 3, 1, out _, out _));

    // The cases of Walrus's own unit test of its search (sizes, columns, rows, index columns -> symbol size).
    public static TheoryData<long[], int, int, int, int> WalrusSearchCases() => new()
    {
        { [1000, 1, 1], 4, 7, 2, 72 },
        { [1], 3, 2, 1, 4 },
        { [115, 80, 4], 17, 9, 3, 6 },
        { [20, 20, 20], 3, 5, 2, 4 },
        { [5, 5, 5], 5, 1, 1, 6 },
        { [25, 35, 45], 200, 1, 3, 10 },
        { [10, 0, 0, 0], 17, 9, 2, 2 },
        { [416, 253, 258, 384, 492, 303, 276, 464, 143, 251, 388, 263, 515, 433, 505, 385, 346, 69, 48, 495, 329, 450, 494, 104, 539, 245, 109, 317, 60], 34, 16, 3, 32 },
    };

    /// <summary>A stream with a length and no data behind it (reading it is a test bug).</summary>
    private sealed class LengthOnlyStream(long length, bool seekable = true) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
