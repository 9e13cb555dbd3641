using Walrus.Core.Merkle;

namespace Walrus.Core.Tests.Types;

public sealed class BlobIdTests
{
    private const string Example = "E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGGU";

    [Fact]
    public void A_blob_id_prints_as_unpadded_url_safe_base64_and_parses_back()
    {
        var id = BlobId.Parse(Example);

        Assert.Equal(Example, id.ToString());
        Assert.Equal(43, id.ToString().Length);
        Assert.Equal(id, new BlobId(id.ToArray()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGG")]
    [InlineData("E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGGU=")]
    [InlineData("E7/nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGGU")]
    [InlineData("E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGGV")]
    [InlineData("E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGG U")]
    public void Parsing_refuses_anything_but_43_canonical_characters(string text)
    {
        Assert.False(BlobId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => BlobId.Parse(text));
    }

    [Fact]
    public void The_decimal_form_is_the_little_endian_u256()
    {
        var bytes = new byte[32];
        bytes[0] = 1;
        bytes[1] = 2;
        var id = new BlobId(bytes);

        Assert.Equal("513", id.ToDecimal());
        Assert.Equal(id, BlobId.FromDecimal("513"));
        Assert.Equal(BlobId.Parse(Example), BlobId.FromDecimal(BlobId.Parse(Example).ToDecimal()));
        var max = new BlobId(Enumerable.Repeat((byte)0xff, 32).ToArray());
        Assert.Equal(max, BlobId.FromDecimal(max.ToDecimal()));
        Assert.False(BlobId.TryFromDecimal("115792089237316195423570985008687907853269984665640564039457584007913129639936", out _));
        Assert.False(BlobId.TryFromDecimal("-1", out _));
        Assert.False(BlobId.TryFromDecimal("12a", out _));
    }

    [Fact]
    public void The_blob_id_is_blake2b_of_type_length_and_root()
    {
        var root = MerkleNode.FromDigest(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var input = new byte[41];
        input[0] = 1;
        BitConverter.TryWriteBytes(input.AsSpan(1, 8), 123456789UL);
        root.CopyTo(input.AsSpan(9));

        Assert.Equal(new BlobId(Blake2b256.Hash(input)), BlobId.Derive(EncodingType.RS2, 123456789UL, root));
    }

    [Fact]
    public void Pair_and_shard_rotate_by_the_blob_id_as_a_big_endian_integer()
    {
        var bytes = new byte[32];
        bytes[31] = 7;
        bytes[30] = 1; // 0x0107 = 263
        var id = new BlobId(bytes);

        Assert.Equal(263 % 10, ShardMapping.RotationOffset(id, 10));
        Assert.Equal(263 % 1000, ShardMapping.RotationOffset(id, 1000));
        for (var p = 0; p < 10; p++)
        {
            var shard = ShardMapping.ShardForPair(id, new SliverPairIndex((ushort)p), 10);
            Assert.Equal((p + 3) % 10, shard.Value);
            Assert.Equal(p, ShardMapping.PairForShard(id, shard, 10).Value);
        }
    }

    [Fact]
    public void The_rotation_of_a_random_id_matches_a_big_integer_reference()
    {
        var random = new Random(5);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[32];
            random.NextBytes(bytes);
            var n = random.Next(1, 65536);
            var expected = (int)(new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true) % n);
            Assert.Equal(expected, ShardMapping.RotationOffset(new BlobId(bytes), n));
        }
    }
}
