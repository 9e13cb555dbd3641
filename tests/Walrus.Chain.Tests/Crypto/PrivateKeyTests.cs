using Walrus.Chain.Crypto;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Crypto;

public sealed class PrivateKeyTests
{
    [Fact]
    public void Address_of_each_anvil_key_matches_the_known_address()
    {
        for (var i = 0; i < TestKeys.AnvilPrivateKeys.Count; i++)
        {
            using var key = TestKeys.Anvil(i);
            Assert.Equal(TestKeys.AnvilAddresses[i], key.Address);
        }
    }

    [Fact]
    public void Address_of_keccak_cow_is_the_eip712_example_signer()
    {
        using var key = TestKeys.FromLabel("cow");
        Assert.Equal("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", key.Address.ToString());
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    public void Keys_out_of_range_are_rejected(string hex)
    {
        Assert.Throws<ArgumentException>(() => PrivateKey.FromHex(hex));
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        using var key = TestKeys.Anvil(0);
        Assert.DoesNotContain("ac0974bec39a17e3", key.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Generated_keys_are_distinct_and_valid()
    {
        using var a = PrivateKey.Generate();
        using var b = PrivateKey.Generate();
        Assert.NotEqual(a.Address, b.Address);
    }
}
