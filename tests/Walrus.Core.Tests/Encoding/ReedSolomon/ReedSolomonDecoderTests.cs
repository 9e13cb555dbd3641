using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Tests.Encoding.ReedSolomon;

public class ReedSolomonDecoderTests
{
    private static (byte[] Originals, byte[] Recovery) RandomCodeword(int o, int r, int shardBytes, Random random)
    {
        var originals = new byte[o * shardBytes];
        random.NextBytes(originals);
        return (originals, RsTestKit.Encode(o, r, shardBytes, originals));
    }

    /// <summary>Any k distinct shards of the n, in any order, given as one strided buffer.</summary>
    private static bool DecodeFrom(int o, int r, int shardBytes, byte[] originals, byte[] recovery, int[] chosen, int stride, byte[] output)
    {
        var shards = new byte[(chosen.Length * stride) + 3];
        for (var j = 0; j < chosen.Length; j++)
        {
            var index = chosen[j];
            var source = index < o ? originals.AsSpan(index * shardBytes, shardBytes) : recovery.AsSpan((index - o) * shardBytes, shardBytes);
            source.CopyTo(shards.AsSpan(j * stride));
        }

        return new ReedSolomonDecoder(o, r).TryDecode(chosen, shards, stride, output, shardBytes, shardBytes);
    }

    private static int[] RandomSubset(int n, int k, Random random)
    {
        var all = Enumerable.Range(0, n).ToArray();
        random.Shuffle(all);
        return all[..k];
    }

    [Theory]
    [InlineData(334, 666, 64, 1)]
    [InlineData(667, 333, 64, 2)]
    [InlineData(34, 66, 130, 3)]
    [InlineData(67, 33, 2, 4)]
    [InlineData(1, 1, 2, 5)]
    [InlineData(5, 1, 66, 6)]
    [InlineData(1, 5, 66, 7)]
    [InlineData(100, 900, 6, 8)]
    [InlineData(900, 100, 200, 9)]
    public void Decode_from_any_k_of_n_shards_in_any_order_returns_the_originals(int o, int r, int shardBytes, int seed)
    {
        var random = new Random(seed);
        var (originals, recovery) = RandomCodeword(o, r, shardBytes, random);
        for (var round = 0; round < 3; round++)
        {
            var k = o + (round == 2 ? Math.Min(r, 3) : 0);
            var chosen = RandomSubset(o + r, k, random);
            var output = new byte[o * shardBytes];
            Assert.True(DecodeFrom(o, r, shardBytes, originals, recovery, chosen, shardBytes + (2 * round), output));
            Assert.Equal(originals, output);
        }
    }

    [Property(MaxTest = 40)]
    public Property Decode_restores_originals_for_random_shapes_and_subsets(PositiveInt seedValue)
    {
        var random = new Random(seedValue.Get);
        var o = random.Next(1, 80);
        var r = random.Next(1, 80);
        var shardBytes = 2 * random.Next(1, 100);
        var (originals, recovery) = RandomCodeword(o, r, shardBytes, random);
        var chosen = RandomSubset(o + r, o, random);
        var output = new byte[o * shardBytes];
        var ok = DecodeFrom(o, r, shardBytes, originals, recovery, chosen, shardBytes, output);
        return (ok && output.AsSpan().SequenceEqual(originals)).Label($"o={o} r={r} B={shardBytes}");
    }

    [Fact]
    public void Decode_fails_with_too_few_shards()
    {
        var random = new Random(11);
        var (originals, recovery) = RandomCodeword(10, 5, 64, random);
        var chosen = RandomSubset(15, 9, random);
        var output = new byte[10 * 64];
        Assert.False(DecodeFrom(10, 5, 64, originals, recovery, chosen, 64, output));
        Assert.All(output, b => Assert.Equal(0, b));
        Assert.False(new ReedSolomonDecoder(10, 5).TryDecode([], [], 64, output, 64, 64));
    }

    [Fact]
    public void Decode_copies_the_originals_when_all_are_given()
    {
        var random = new Random(12);
        var (originals, recovery) = RandomCodeword(4, 4, 10, random);
        var output = new byte[40];
        Assert.True(DecodeFrom(4, 4, 10, originals, recovery, [3, 1, 0, 2, 5], 10, output));
        Assert.Equal(originals, output);
    }

    [Fact]
    public void Decode_writes_only_inside_the_shards_of_a_strided_output()
    {
        var random = new Random(13);
        var (originals, recovery) = RandomCodeword(3, 3, 64, random);
        var shards = recovery;
        var output = new byte[(3 * 100) - 36];
        output.AsSpan().Fill(0xAA);
        Assert.True(new ReedSolomonDecoder(3, 3).TryDecode([3, 4, 5], shards, 64, output, 100, 64));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(originals.AsSpan(i * 64, 64).ToArray(), output.AsSpan(i * 100, 64).ToArray());
            if (i < 2)
            {
                Assert.All(output.AsSpan((i * 100) + 64, 36).ToArray(), b => Assert.Equal(0xAA, b));
            }
        }
    }

    [Fact]
    public void Decode_rejects_bad_indices_and_sizes()
    {
        var decoder = new ReedSolomonDecoder(2, 2);
        var shards = new byte[3 * 64];
        var output = new byte[2 * 64];
        Assert.Throws<ArgumentException>(() => decoder.TryDecode([0, 0], shards, 64, output, 64, 64));
        Assert.Throws<ArgumentException>(() => decoder.TryDecode([0, 4], shards, 64, output, 64, 64));
        Assert.Throws<ArgumentException>(() => decoder.TryDecode([-1, 1], shards, 64, output, 64, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => decoder.TryDecode([0, 1], shards, 64, output, 64, 63));
        Assert.Throws<ArgumentOutOfRangeException>(() => decoder.TryDecode([0, 1], shards, 64, output, 64, 0));
        Assert.Throws<ArgumentException>(() => decoder.TryDecode([0, 1, 2, 3], shards, 64, output, 64, 64));
        Assert.Throws<ArgumentException>(() => decoder.TryDecode([0, 1], shards, 62, output, 64, 64));
        Assert.Throws<ArgumentException>(() => decoder.TryDecode([0, 1], shards, 64, output.AsSpan(1), 64, 64));
    }
}
