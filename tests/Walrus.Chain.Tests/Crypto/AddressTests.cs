namespace Walrus.Chain.Tests.Crypto;

public sealed class AddressTests
{
    // The examples from EIP-55.
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToString_writes_the_eip55_checksum(string checksummed)
    {
        var address = Address.Parse(checksummed.ToLowerInvariant());
        Assert.Equal(checksummed, address.ToString());
    }

    [Fact]
    public void Parse_rejects_mixed_case_with_a_wrong_checksum()
    {
        Assert.Throws<FormatException>(() => Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    public void Parse_accepts_single_case_without_checksum(string text)
    {
        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", Address.Parse(text).ToString());
    }

    [Theory]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA")]
    [InlineData("0xzzAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    public void Parse_rejects_malformed_text(string text)
    {
        Assert.False(Address.TryParse(text, out _));
    }
}
