using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using Walrus.Chain.Abi;

namespace Walrus.Chain.Tests.Abi;

public sealed class AbiCodecTests
{
    private static AbiType[] Types(params string[] names) => [.. names.Select(AbiType.Parse)];

    [Fact]
    public void Encodes_static_dynamic_tuple_and_array_values_like_cast()
    {
        // cast abi-encode "f(uint256,(uint32,bytes32),bytes,string,uint16[])" 7 "(3,0x01..01)" 0xabcdef "hello" "[1,2,3]"
        const string Expected =
            "0x0000000000000000000000000000000000000000000000000000000000000007" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "0101010101010101010101010101010101010101010101010101010101010101" +
            "00000000000000000000000000000000000000000000000000000000000000c0" +
            "0000000000000000000000000000000000000000000000000000000000000100" +
            "0000000000000000000000000000000000000000000000000000000000000140" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "abcdef0000000000000000000000000000000000000000000000000000000000" +
            "0000000000000000000000000000000000000000000000000000000000000005" +
            "68656c6c6f000000000000000000000000000000000000000000000000000000" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "0000000000000000000000000000000000000000000000000000000000000001" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000003";
        var ones = new Hash256(Enumerable.Repeat((byte)1, 32).ToArray());
        var types = Types("uint256", "(uint32,bytes32)", "bytes", "string", "uint16[]");
        object?[] values = [new BigInteger(7), new object?[] { 3u, ones }, new byte[] { 0xab, 0xcd, 0xef }, "hello", new object?[] { (ushort)1, (ushort)2, (ushort)3 }];

        var encoded = AbiCodec.Encode(types, values);

        Assert.Equal(Expected, Hex.Encode(encoded));
        var decoded = AbiCodec.Decode(types, encoded);
        Assert.Equal(new BigInteger(7), decoded[0]);
        Assert.Equal(new object?[] { 3u, ones }, (object?[])decoded[1]!);
        Assert.Equal(new byte[] { 0xab, 0xcd, 0xef }, decoded[2]);
        Assert.Equal("hello", decoded[3]);
        Assert.Equal(new object?[] { (ushort)1, (ushort)2, (ushort)3 }, (object?[])decoded[4]!);
    }

    [Fact]
    public void Encodes_nested_dynamic_arrays_of_tuples()
    {
        var type = AbiType.Parse("(bytes32,string)[]");
        var value = new object?[]
        {
            new object?[] { Hash256.Zero, "a" },
            new object?[] { new Hash256(Enumerable.Repeat((byte)0xFF, 32).ToArray()), "bcdef" },
        };

        var decoded = (object?[])type.Decode(type.Encode(value), 0)!;

        Assert.Equal("bcdef", ((object?[])decoded[1]!)[1]);
        Assert.True(type.IsDynamic);
    }

    [Fact]
    public void Negative_integers_are_twos_complement()
    {
        var encoded = AbiCodec.Encode(Types("int256", "int8"), new BigInteger(-1), (sbyte)-128);
        Assert.True(encoded.AsSpan(0, 32).IndexOfAnyExcept((byte)0xFF) < 0);
        Assert.Equal((sbyte)-128, AbiCodec.Decode(Types("int256", "int8"), encoded)[1]);
    }

    [Fact]
    public void Out_of_range_values_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AbiType.Parse("uint8").Encode(256));
        Assert.Throws<ArgumentOutOfRangeException>(() => AbiType.Parse("uint256").Encode(-1));
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000020")]
    [InlineData("0x00000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000040")]
    [InlineData("0x000000000000000000000000000000000000000000000000000000000000ffff")]
    public void Decode_rejects_offsets_and_lengths_past_the_data(string hex)
    {
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("bytes"), Hex.Decode(hex)));
    }

    [Fact]
    public void Decode_rejects_dirty_padding()
    {
        var word = new byte[32];
        word[0] = 1;
        Assert.Throws<FormatException>(() => AbiType.Parse("uint8").Decode(word, 0));
        Assert.Throws<FormatException>(() => AbiType.Parse("address").Decode(word, 0));
        Assert.Throws<FormatException>(() => AbiType.Parse("bool").Decode(word, 0));
    }

    [Fact]
    public void Canonical_names_round_trip_through_the_parser()
    {
        foreach (var name in new[] { "uint256", "int24", "bytes4", "address[3]", "(uint32,(bytes,bool)[])[2]", "string[][]" })
        {
            Assert.Equal(name, AbiType.Parse(name).CanonicalName);
        }

        Assert.Equal("uint256", AbiType.Parse("uint").CanonicalName);
    }

    [Property]
    public void Any_mix_of_values_round_trips(ulong number, byte[] bytes, NonNull<string> text, ushort[] small, bool flag)
    {
        var types = Types("uint64", "bytes", "string", "uint16[]", "bool", "(bytes,uint16[3])");
        var padded = new object?[] { (ushort)1, (ushort)2, (ushort)3 };
        var utf8Safe = new string(text.Get.Where(c => !char.IsSurrogate(c)).ToArray());
        object?[] values = [number, bytes, utf8Safe, small.Cast<object?>().ToArray(), flag, new object?[] { bytes, padded }];

        var decoded = AbiCodec.Decode(types, AbiCodec.Encode(types, values));

        Assert.Equal(number, decoded[0]);
        Assert.Equal(bytes, decoded[1]);
        Assert.Equal(utf8Safe, decoded[2]);
        Assert.Equal(small.Cast<object?>().ToArray(), (object?[])decoded[3]!);
        Assert.Equal(flag, decoded[4]);
    }
}
