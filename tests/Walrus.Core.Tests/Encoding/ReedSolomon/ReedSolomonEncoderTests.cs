using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Tests.Encoding.ReedSolomon;

public class ReedSolomonEncoderTests
{
    [Fact]
    public void Strided_encode_of_column_ranges_equals_the_whole_encode()
    {
        const int o = 34, r = 66, shardBytes = 1000;
        var random = new Random(21);
        var originals = new byte[o * shardBytes];
        random.NextBytes(originals);
        var whole = RsTestKit.Encode(o, r, shardBytes, originals);

        var encoder = new ReedSolomonEncoder(o, r);
        var pieces = new byte[r * shardBytes];
        foreach (var (start, length) in new[] { (0, 256), (256, 640), (896, 104) })
        {
            encoder.Encode(originals.AsSpan(start), shardBytes, pieces.AsSpan(start), shardBytes, length);
        }

        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Encode_writes_only_inside_the_recovery_shards()
    {
        var originals = RsTestKit.Sequential(3, 6);
        var recovery = new byte[(5 * 10) - 4];
        recovery.AsSpan().Fill(0x55);
        new ReedSolomonEncoder(3, 5).Encode(originals, 6, recovery, 10, 6);
        string[] expected = ["4edbffc9cfc6", "17ef05dcd0db", "404f02c7c5cb", "d9ba3a111e13", "1c7fff212e23"];
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i], Convert.ToHexStringLower(recovery.AsSpan(i * 10, 6)));
            if (i < 4)
            {
                Assert.All(recovery.AsSpan((i * 10) + 6, 4).ToArray(), b => Assert.Equal(0x55, b));
            }
        }
    }

    [Fact]
    public void Encode_rejects_bad_sizes()
    {
        var encoder = new ReedSolomonEncoder(2, 3);
        var originals = new byte[128];
        var recovery = new byte[192];
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(originals, recovery, 63));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(originals, recovery, 0));
        Assert.Throws<ArgumentException>(() => encoder.Encode(originals.AsSpan(1), recovery, 64));
        Assert.Throws<ArgumentException>(() => encoder.Encode(originals, recovery.AsSpan(1), 64));
        Assert.Throws<ArgumentException>(() => encoder.Encode(originals, 32, recovery, 64, 64));
    }

    [Fact]
    public void Encoder_reports_its_counts_and_rate()
    {
        var encoder = new ReedSolomonEncoder(334, 666);
        Assert.Equal(334, encoder.OriginalCount);
        Assert.Equal(666, encoder.RecoveryCount);
        Assert.False(encoder.UsesHighRate);
        Assert.True(new ReedSolomonEncoder(667, 333).UsesHighRate);
    }

    [Fact]
    public void Concurrent_encodes_on_one_encoder_agree()
    {
        const int o = 67, r = 33, shardBytes = 4096;
        var random = new Random(22);
        var originals = new byte[o * shardBytes];
        random.NextBytes(originals);
        var expected = RsTestKit.Encode(o, r, shardBytes, originals);
        var encoder = new ReedSolomonEncoder(o, r);
        Parallel.For(0, 8, _ =>
        {
            var recovery = new byte[r * shardBytes];
            encoder.Encode(originals, recovery, shardBytes);
            Assert.Equal(expected, recovery);
        });
    }
}
