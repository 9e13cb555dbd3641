using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Walrus.Chain.Transactions;

namespace Walrus.Chain.Tests.Transactions;

public sealed class RlpTests
{
    private static byte[] Str(string s) => Rlp.EncodeBytes(Encoding.ASCII.GetBytes(s));

    // The examples from the Ethereum wiki's RLP page.
    [Fact]
    public void Encodes_the_wiki_examples()
    {
        Assert.Equal("0x83646f67", Hex.Encode(Str("dog")));
        Assert.Equal("0xc88363617483646f67", Hex.Encode(Rlp.EncodeList(Str("cat"), Str("dog"))));
        Assert.Equal("0x80", Hex.Encode(Str("")));
        Assert.Equal("0xc0", Hex.Encode(Rlp.EncodeList()));
        Assert.Equal("0x80", Hex.Encode(Rlp.EncodeUInt(0UL)));
        Assert.Equal("0x00", Hex.Encode(Rlp.EncodeBytes([0x00])));
        Assert.Equal("0x0f", Hex.Encode(Rlp.EncodeUInt(15UL)));
        Assert.Equal("0x820400", Hex.Encode(Rlp.EncodeUInt(1024UL)));
        var empty = Rlp.EncodeList();
        Assert.Equal("0xc7c0c1c0c3c0c1c0",
            Hex.Encode(Rlp.EncodeList(empty, Rlp.EncodeList(empty), Rlp.EncodeList(empty, Rlp.EncodeList(empty)))));
        Assert.Equal(
            "0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974",
            Hex.Encode(Str("Lorem ipsum dolor sit amet, consectetur adipisicing elit")));
    }

    [Fact]
    public void Encodes_big_integers_minimally()
    {
        Assert.Equal("0x8f102030405060708090a0b0c0d0e0f2",
            Hex.Encode(Rlp.EncodeUInt(System.Numerics.BigInteger.Parse("83729609699884896815286331701780722", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Decodes_nested_lists()
    {
        var item = Rlp.Decode(Hex.Decode("0xc88363617483646f67"));
        Assert.True(item.IsList);
        Assert.Equal("cat", Encoding.ASCII.GetString(item.Items[0].Bytes));
        Assert.Equal("dog", Encoding.ASCII.GetString(item.Items[1].Bytes));
    }

    [Theory]
    [InlineData("0x8100")]
    [InlineData("0x8180", false)]
    [InlineData("0xb80100")]
    [InlineData("0x83646f")]
    [InlineData("0x83646f6767")]
    public void Decode_rejects_non_canonical_or_truncated_data(string hex, bool rejected = true)
    {
        if (rejected)
        {
            Assert.Throws<FormatException>(() => Rlp.Decode(Hex.Decode(hex)));
        }
        else
        {
            Assert.Equal(0x80, Rlp.Decode(Hex.Decode(hex)).Bytes[0]);
        }
    }

    [Property]
    public void Byte_strings_round_trip(byte[] value)
    {
        Assert.Equal(value, Rlp.Decode(Rlp.EncodeBytes(value)).Bytes.ToArray());
    }

    [Property]
    public void Integers_round_trip(ulong value)
    {
        Assert.Equal(value, (ulong)Rlp.Decode(Rlp.EncodeUInt(value)).AsUInt());
    }
}
