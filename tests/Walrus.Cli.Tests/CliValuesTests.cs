using System.Numerics;
using Walrus.Cli.Commands;

namespace Walrus.Cli.Tests;

/// <summary>What users type for ids and amounts, and how WAL amounts print.</summary>
public sealed class CliValuesTests
{
    [Theory]
    [InlineData("12", 12)]
    [InlineData("0x0c", 12)]
    [InlineData("0x000000000000000000000000000000000000000000000000000000000000000c", 12)]
    public void Object_ids_are_read_in_decimal_or_hex(string text, int expected) =>
        Assert.Equal(new BigInteger(expected), CliValues.ObjectId(text));

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("-1")]
    [InlineData("12a")]
    [InlineData("0x10000000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_object_id_is_refused_with_what_to_give(string text)
    {
        var e = Assert.Throws<FormatException>(() => CliValues.ObjectId(text));
        Assert.Contains("decimal number or 0x", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-3")]
    [InlineData("1e9")]
    public void An_amount_is_a_whole_number_of_frost(string text) =>
        Assert.Throws<FormatException>(() => CliValues.Frost(text));

    [Theory]
    [InlineData("1000000000", "1 WAL")]
    [InlineData("1500000000", "1.5 WAL")]
    [InlineData("1", "0.000000001 WAL")]
    [InlineData("0", "0 WAL")]
    public void Frost_prints_as_wal(string frost, string wal) =>
        Assert.Equal(wal, CliOutput.Wal(BigInteger.Parse(frost, System.Globalization.CultureInfo.InvariantCulture)));
}
