using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Tests.Encoding.ReedSolomon;

public class ShardOpsTests
{
    [Theory]
    [InlineData(8, 128)]
    [InlineData(16, 64)]
    [InlineData(64, 256)]
    [InlineData(2048, 128)]
    [InlineData(4, 128)]
    [InlineData(1, 128)]
    public void Formal_derivative_in_closed_form_equals_the_crate_loop(int count, int stride)
    {
        var random = new Random(count);
        var a = new byte[count * stride];
        random.NextBytes(a);
        var b = (byte[])a.Clone();
        var c = (byte[])a.Clone();
        ShardOps.FormalDerivativeReference(a, stride, count);
        ShardOps.FormalDerivative(b, stride, count);
        Assert.Equal(a, b);
        if (count >= 8)
        {
            ShardOps.FormalDerivative128(c, stride, count);
            Assert.Equal(a, c);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(62)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(128)]
    [InlineData(1000)]
    public void Load_then_store_gives_back_the_shard_bytes(int length)
    {
        var random = new Random(length);
        var shard = new byte[length];
        random.NextBytes(shard);
        var work = new byte[ShardOps.WorkStride(length)];
        random.NextBytes(work);
        ShardOps.Load(shard, work);
        var back = new byte[length];
        ShardOps.Store(work, back);
        Assert.Equal(shard, back);
    }

    [Fact]
    public void Load_places_each_64_byte_block_as_32_low_and_32_high_bytes_of_a_128_byte_work_block()
    {
        // Shard bytes: block 0 = lows 0..31, highs 32..63; block 1 = lows 64..95, highs 96..127; tail of 6 bytes = 3 lows, 3 highs.
        var shard = new byte[134];
        for (var i = 0; i < shard.Length; i++)
        {
            shard[i] = (byte)i;
        }

        var work = new byte[256];
        ShardOps.Load(shard, work);
        Assert.Equal(shard.AsSpan(0, 32).ToArray(), work.AsSpan(0, 32).ToArray());
        Assert.Equal(shard.AsSpan(64, 32).ToArray(), work.AsSpan(32, 32).ToArray());
        Assert.Equal(shard.AsSpan(32, 32).ToArray(), work.AsSpan(64, 32).ToArray());
        Assert.Equal(shard.AsSpan(96, 32).ToArray(), work.AsSpan(96, 32).ToArray());
        Assert.Equal(new byte[] { 128, 129, 130 }, work.AsSpan(128, 3).ToArray());
        Assert.Equal(new byte[] { 131, 132, 133 }, work.AsSpan(192, 3).ToArray());
    }
}
