namespace Walrus.Core.Tests.Types;

public sealed class IndexTests
{
    [Fact]
    public void Pair_p_holds_primary_sliver_p_and_secondary_sliver_n_minus_1_minus_p()
    {
        var pair = new SliverPairIndex(3);

        Assert.Equal(new SliverIndex(3), pair.ToSliverIndex(SliverType.Primary, 10));
        Assert.Equal(new SliverIndex(6), pair.ToSliverIndex(SliverType.Secondary, 10));
        Assert.Equal(pair, new SliverIndex(6).ToPairIndex(SliverType.Secondary, 10));
        Assert.Equal(pair, new SliverIndex(3).ToPairIndex(SliverType.Primary, 10));
        Assert.Equal(new SliverIndex(999), new SliverPairIndex(0).SecondarySliverIndex(1000));
    }

    [Fact]
    public void Indices_convert_only_explicitly_and_refuse_values_outside_u16()
    {
        Assert.Equal(65535, (int)(ShardIndex)65535);
        Assert.Throws<ArgumentOutOfRangeException>(() => (SliverIndex)65536);
        Assert.Throws<ArgumentOutOfRangeException>(() => (SliverPairIndex)(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SliverPairIndex(10).ToSliverIndex(SliverType.Primary, 10));
    }

    [Fact]
    public void Wire_enums_keep_their_values()
    {
        Assert.Equal(1, (int)EncodingType.RS2);
        Assert.Equal(0, (int)SliverType.Primary);
        Assert.Equal(1, (int)SliverType.Secondary);
    }

    [Fact]
    public void Symbol_ids_print_and_parse_as_primary_dash_secondary()
    {
        var id = new SymbolId(new SliverIndex(999), new SliverIndex(32));

        Assert.Equal("999-32", id.ToString());
        Assert.True(SymbolId.TryParse("999-32", out var parsed));
        Assert.Equal(id, parsed);
        Assert.False(SymbolId.TryParse("999", out _));
        Assert.False(SymbolId.TryParse("-1-2", out _));
        Assert.False(SymbolId.TryParse("70000-1", out _));
    }
}
