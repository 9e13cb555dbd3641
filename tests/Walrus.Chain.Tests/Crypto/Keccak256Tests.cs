using System.Text;
using Walrus.Chain.Crypto;

namespace Walrus.Chain.Tests.Crypto;

public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("transfer(address,uint256)", "0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b")]
    [InlineData("Transfer(address,address,uint256)", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")]
    public void Hash_matches_known_answers(string input, string expected)
    {
        Assert.Equal(expected, Keccak256.Hash(Encoding.UTF8.GetBytes(input)).ToString());
    }

    [Fact]
    public void Hash_of_two_parts_equals_hash_of_their_concatenation()
    {
        var a = Encoding.UTF8.GetBytes("hello ");
        var b = Encoding.UTF8.GetBytes("world");
        var split = new byte[32];
        Keccak256.Hash(a, b, split);
        Assert.Equal(Keccak256.Hash([.. a, .. b]), new Hash256(split));
    }

    [Fact]
    public void Hash_differs_from_sha3_256_padding()
    {
        // SHA3-256("") is a7ffc6f8...; Ethereum's Keccak-256 uses the original padding.
        Assert.NotEqual("0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", Keccak256.Hash([]).ToString());
    }
}
