using System.Globalization;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Benchmarks.Encoding;

/// <summary>Seeded inputs for the Reed-Solomon benchmarks: originals, their recovery shards, and k random shards of n.</summary>
internal static class ReedSolomonBenchmarkData
{
    public static void Create(
        string shape, int shardBytes, Engine engine,
        out ReedSolomonEncoder encoder, out ReedSolomonDecoder decoder, out byte[] originals, out byte[] recovery,
        out int[] indices, out byte[] shards, out byte[] output)
    {
        var parts = shape.Split('/');
        var k = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var n = int.Parse(parts[1], CultureInfo.InvariantCulture);
        encoder = new ReedSolomonEncoder(k, n - k, null, engine);
        decoder = new ReedSolomonDecoder(k, n - k, null, engine);
        var random = new Random(42);
        originals = new byte[k * shardBytes];
        random.NextBytes(originals);
        recovery = new byte[(n - k) * shardBytes];
        encoder.Encode(originals, recovery, shardBytes);

        var all = Enumerable.Range(0, n).ToArray();
        random.Shuffle(all);
        indices = all[..k];
        shards = new byte[k * shardBytes];
        for (var j = 0; j < k; j++)
        {
            var i = indices[j];
            var source = i < k ? originals.AsSpan(i * shardBytes, shardBytes) : recovery.AsSpan((i - k) * shardBytes, shardBytes);
            source.CopyTo(shards.AsSpan(j * shardBytes));
        }

        output = new byte[k * shardBytes];
    }
}
