using System.Numerics;

namespace Walrus.Chain.Tests;

public sealed class HexTests
{
    [Theory]
    [InlineData(0UL, "0x0")]
    [InlineData(1UL, "0x1")]
    [InlineData(0x400UL, "0x400")]
    [InlineData(ulong.MaxValue, "0xffffffffffffffff")]
    public void Quantities_have_no_leading_zeros(ulong value, string text)
    {
        Assert.Equal(text, Hex.EncodeQuantity(value));
        Assert.Equal(text, Hex.EncodeQuantity(new BigInteger(value)));
        Assert.Equal(value, Hex.DecodeQuantityUInt64(text));
        Assert.Equal(new BigInteger(value), Hex.DecodeQuantity(text));
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0xzz")]
    [InlineData("0x10000000000000000")]
    public void Invalid_64_bit_quantities_are_rejected(string text)
    {
        Assert.Throws<FormatException>(() => Hex.DecodeQuantityUInt64(text));
    }

    [Fact]
    public void Data_must_have_an_even_number_of_digits()
    {
        Assert.Throws<FormatException>(() => Hex.Decode("0xabc"));
        Assert.Equal(new byte[] { 0xab, 0xcd }, Hex.Decode("0xABcd"));
    }
}
