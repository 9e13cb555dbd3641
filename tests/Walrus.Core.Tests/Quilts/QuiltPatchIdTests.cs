using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Core.Tests.Quilts;

public sealed class QuiltPatchIdTests
{
    // From the reference (quilt.mjs) for a 10-shard quilt: blob id, then 0x01, start 1, end 5.
    private const string Known = "-R0pKsTd1bE1-FQ2EJqUDPAJs9Jn_v6ceE8Eh0dSeqoBAQAFAA";

    [Fact]
    public void A_known_patch_id_parses_and_formats_back()
    {
        var id = QuiltPatchId.Parse(Known);
        Assert.Equal(BlobId.Parse("-R0pKsTd1bE1-FQ2EJqUDPAJs9Jn_v6ceE8Eh0dSeqo"), id.QuiltId);
        Assert.Equal(new QuiltPatchInternalId(1, 5), id.Patch);
        Assert.Equal(Known, id.ToString());
        Assert.Equal(QuiltPatchId.TextLength, Known.Length);
        var bytes = id.ToArray();
        Assert.Equal(37, bytes.Length);
        Assert.Equal(new byte[] { 1, 1, 0, 5, 0 }, bytes[32..]);
        Assert.True(QuiltPatchId.TryRead(bytes, out var read));
        Assert.Equal(id, read);
        Span<char> text = stackalloc char[QuiltPatchId.TextLength];
        Assert.True(id.TryFormat(text, out var written, default, null));
        Assert.Equal(Known, text[..written].ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-R0pKsTd1bE1-FQ2EJqUDPAJs9Jn_v6ceE8Eh0dSeqoBAQAFA")]
    [InlineData("-R0pKsTd1bE1-FQ2EJqUDPAJs9Jn_v6ceE8Eh0dSeqoBAQAFAAA")]
    [InlineData("-R0pKsTd1bE1-FQ2EJqUDPAJs9Jn_v6ceE8Eh0dSeqoBAQAFA=")]
    [InlineData("+R0pKsTd1bE1-FQ2EJqUDPAJs9Jn_v6ceE8Eh0dSeqoBAQAFAA")]
    [InlineData("-R0pKsTd1bE1-FQ2EJqUDPAJs9Jn_v6ceE8Eh0dSeqoBAQAFAB")]
    [InlineData("-R0pKsTd1bE1-FQ2EJqUDPAJs9Jn_v6ceE8Eh0dSeqoCAQAFAA")]
    [InlineData("-R0pKsTd1bE1-FQ2EJqUDPAJs9Jn_v6ceE8Eh0dSeqoBAQAF A")]
    public void Malformed_patch_ids_are_refused(string text)
    {
        Assert.False(QuiltPatchId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => QuiltPatchId.Parse(text));
    }

    [Fact]
    public void Random_patch_ids_round_trip()
    {
        var random = new Random(11);
        Span<byte> bytes = stackalloc byte[32];
        for (var i = 0; i < 500; i++)
        {
            random.NextBytes(bytes);
            var id = new QuiltPatchId(new BlobId(bytes), new QuiltPatchInternalId((ushort)random.Next(65536), (ushort)random.Next(65536)));
            Assert.True(QuiltPatchId.TryParse(id.ToString(), out var parsed));
            Assert.Equal(id, parsed);
        }
    }

    [Fact]
    public void Internal_ids_need_five_bytes_and_version_1()
    {
        Assert.True(QuiltPatchInternalId.TryRead([1, 3, 0, 9, 0], out var id));
        Assert.Equal(new QuiltPatchInternalId(3, 9), id);
        Assert.Equal(6, id.ColumnCount);
        Assert.False(QuiltPatchInternalId.TryRead([2, 3, 0, 9, 0], out _));
        Assert.False(QuiltPatchInternalId.TryRead([1, 3, 0, 9], out _));
    }

    [Fact]
    public void A_patch_needs_the_secondary_slivers_of_its_columns_held_by_pairs_n_minus_1_minus_column()
    {
        var id = new QuiltPatchInternalId(3, 6);
        Assert.Equal([new SliverIndex(3), new SliverIndex(4), new SliverIndex(5)], id.SecondarySliverIndices());
        Assert.Equal([new SliverPairIndex(996), new SliverPairIndex(995), new SliverPairIndex(994)], id.SliverPairIndices(EncodingConfig.Create(1000)));
    }
}
