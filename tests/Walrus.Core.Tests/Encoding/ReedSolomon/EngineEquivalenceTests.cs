using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Tests.Encoding.ReedSolomon;

/// <summary>Every vectorized engine equals the scalar reference engine byte for byte.</summary>
public class EngineEquivalenceTests
{
    public static TheoryData<string> FastEngines()
    {
        var data = new TheoryData<string>();
        foreach (var engine in Engine.Supported)
        {
            if (engine != ScalarEngine.Instance)
            {
                data.Add(engine.Name);
            }
        }

        return data;
    }

    private static Engine Named(string name) => Engine.Supported.First(e => e.Name == name);

    private static byte[] RandomWork(Random random, int shards, int stride, int zeroFrom)
    {
        var work = new byte[shards * stride];
        random.NextBytes(work.AsSpan(0, zeroFrom * stride));
        return work;
    }

    [Theory]
    [MemberData(nameof(FastEngines))]
    public void Fft_equals_the_scalar_engine_for_every_size_and_offset(string engineName)
    {
        var engine = Named(engineName);
        var random = new Random(31);
        for (var log = 0; log <= 11; log++)
        {
            var size = 1 << log;
            foreach (var stride in new[] { 128, 384 })
            {
                var delta = random.Next(0, 4) * size;
                var outEnd = random.Next(1, size + 1);
                var outStart = random.Next(0, outEnd);
                var pos = random.Next(0, 3);
                var work = RandomWork(random, pos + size, stride, pos + size);
                var expected = (byte[])work.Clone();
                ScalarEngine.Instance.Fft(expected, stride, pos, size, outStart, outEnd, delta);
                engine.Fft(work, stride, pos, size, outStart, outEnd, delta);
                var range = ((pos + outStart) * stride)..((pos + outEnd) * stride);
                Assert.True(expected.AsSpan(range).SequenceEqual(work.AsSpan(range)), $"size {size} stride {stride} delta {delta} out [{outStart},{outEnd})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FastEngines))]
    public void Ifft_equals_the_scalar_engine_for_every_size_and_truncation(string engineName)
    {
        var engine = Named(engineName);
        var random = new Random(32);
        for (var log = 0; log <= 11; log++)
        {
            var size = 1 << log;
            foreach (var stride in new[] { 128, 256 })
            {
                var delta = random.Next(0, 4) * size;
                var truncated = random.Next(1, size + 1);
                var pos = random.Next(0, 3);
                var work = RandomWork(random, pos + size, stride, pos + truncated);
                var expected = (byte[])work.Clone();
                ScalarEngine.Instance.Ifft(expected, stride, pos, size, truncated, delta);
                engine.Ifft(work, stride, pos, size, truncated, delta);
                Assert.True(expected.AsSpan().SequenceEqual(work), $"size {size} stride {stride} delta {delta} truncated {truncated}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FastEngines))]
    public void Partial_layer_ranges_equal_the_scalar_engine(string engineName)
    {
        var engine = Named(engineName);
        var random = new Random(34);
        for (var round = 0; round < 40; round++)
        {
            var log = random.Next(1, 12);
            var size = 1 << log;
            var stride = 128 * random.Next(1, 4);
            var delta = random.Next(0, 4) * size;
            var dist = 1 << random.Next(0, log);
            var outEnd = random.Next(1, size + 1);
            var outStart = random.Next(0, outEnd);
            var work = RandomWork(random, size, stride, size);
            var expected = (byte[])work.Clone();
            ScalarEngine.Instance.Fft(expected, stride, 0, size, outStart, outEnd, delta, dist, 0);
            engine.Fft(work, stride, 0, size, outStart, outEnd, delta, dist, 0);

            // Positions of wanted blocks of `dist` shards are exact after the partial FFT.
            var start = outStart / dist * dist * stride;
            var end = Math.Min(size, (outEnd + dist - 1) / dist * dist) * stride;
            Assert.True(expected.AsSpan(start..end).SequenceEqual(work.AsSpan(start..end)), $"fft size {size} dist {dist} [{outStart},{outEnd})");

            var truncated = random.Next(1, size + 1);
            work = RandomWork(random, size, stride, truncated);
            expected = (byte[])work.Clone();
            ScalarEngine.Instance.Ifft(expected, stride, 0, size, truncated, delta, dist);
            engine.Ifft(work, stride, 0, size, truncated, delta, dist);
            Assert.True(expected.AsSpan().SequenceEqual(work), $"ifft size {size} dist {dist} truncated {truncated}");
        }
    }

    [Theory]
    [MemberData(nameof(FastEngines))]
    public void Fft_reading_from_another_position_equals_the_in_place_fft(string engineName)
    {
        var engine = Named(engineName);
        var random = new Random(35);
        for (var round = 0; round < 30; round++)
        {
            var log = random.Next(0, 11);
            var size = 1 << log;
            var stride = 128 * random.Next(1, 3);
            var delta = random.Next(1, 4) * size;
            var dist = 1 << random.Next(0, log + 1);
            var outEnd = random.Next(1, size + 1);
            var work = RandomWork(random, 2 * size, stride, size);
            var expected = (byte[])work.Clone();
            ScalarEngine.Instance.Fft(expected, stride, 0, size, 0, outEnd, delta, dist, 0);
            engine.Fft(work, stride, size, size, 0, outEnd, delta, dist, 0);
            var end = Math.Min(size, (outEnd + dist - 1) / dist * dist) * stride;
            Assert.True(expected.AsSpan(0, end).SequenceEqual(work.AsSpan(size * stride, end)), $"size {size} dist {dist} outEnd {outEnd}");
        }
    }

    [Theory]
    [MemberData(nameof(FastEngines))]
    public void Mul_equals_the_scalar_engine_for_all_special_logs(string engineName)
    {
        var engine = Named(engineName);
        var random = new Random(33);
        foreach (var log in new ushort[] { 0, 1, 2, 255, 256, 4660, 32767, 65534, 65535 })
        {
            var data = new byte[256];
            random.NextBytes(data);
            var expected = (byte[])data.Clone();
            ScalarEngine.Instance.Mul(expected, log);
            engine.Mul(data, log);
            Assert.Equal(expected, data);
        }
    }

    [Property(MaxTest = 30)]
    public Property Fast_engines_encode_and_decode_like_the_scalar_engine(PositiveInt seedValue)
    {
        var random = new Random(seedValue.Get);
        var o = random.Next(1, 300);
        var r = random.Next(1, 300);
        var shardBytes = 2 * random.Next(1, 200);
        var originals = new byte[o * shardBytes];
        random.NextBytes(originals);
        var expected = RsTestKit.Encode(o, r, shardBytes, originals, engine: ScalarEngine.Instance);

        var missing = Math.Min(o, r);
        var ok = true;
        foreach (var engine in Engine.Supported)
        {
            var recovery = RsTestKit.Encode(o, r, shardBytes, originals, engine: engine);
            ok &= recovery.AsSpan().SequenceEqual(expected);
            var decoded = RsTestKit.Decode(o, r, shardBytes, originals, recovery,
                RsTestKit.Range(missing, o), RsTestKit.Range(r - missing, r), engine: engine);
            ok &= decoded.AsSpan().SequenceEqual(originals);
        }

        return ok.Label($"o={o} r={r} B={shardBytes}");
    }
}
