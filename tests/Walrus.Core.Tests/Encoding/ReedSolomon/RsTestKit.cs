using System.Security.Cryptography;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Tests.Encoding.ReedSolomon;

/// <summary>Shared helpers for the Reed-Solomon tests: forced rates and engines, hashing, decode checks.</summary>
internal static class RsTestKit
{
    /// <summary>null for the default rule ('D'), true for 'H', false for 'L'.</summary>
    public static bool? ForcedRate(string rate) => rate switch
    {
        "D" => null,
        "H" => true,
        "L" => false,
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, "rate is D, H or L"),
    };

    public static byte[] Encode(int o, int r, int shardBytes, byte[] originals, bool? forceHigh = null, Engine? engine = null)
    {
        var encoder = new ReedSolomonEncoder(o, r, forceHigh, engine ?? Engine.Best);
        var recovery = new byte[r * shardBytes];
        encoder.Encode(originals, recovery, shardBytes);
        return recovery;
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Sequential bytes: original i, byte k = (i * 64 + k) &amp; 0xFF.</summary>
    public static byte[] Sequential(int count, int shardBytes, int perShard = 64)
    {
        var data = new byte[count * shardBytes];
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < shardBytes; k++)
            {
                data[(i * shardBytes) + k] = (byte)((i * perShard) + k);
            }
        }

        return data;
    }

    /// <summary>Decodes from the given originals and recovery shards and returns all originals.</summary>
    public static byte[] Decode(
        int o, int r, int shardBytes, byte[] originals, byte[] recovery,
        IEnumerable<int> originalsGiven, IEnumerable<int> recoveryGiven, bool? forceHigh = null, Engine? engine = null)
    {
        var indices = new List<int>();
        var shards = new List<byte>();
        foreach (var j in originalsGiven)
        {
            indices.Add(j);
            shards.AddRange(originals.AsSpan(j * shardBytes, shardBytes).ToArray());
        }

        foreach (var i in recoveryGiven)
        {
            indices.Add(o + i);
            shards.AddRange(recovery.AsSpan(i * shardBytes, shardBytes).ToArray());
        }

        var decoder = new ReedSolomonDecoder(o, r, forceHigh, engine ?? Engine.Best);
        var output = new byte[o * shardBytes];
        Assert.True(decoder.TryDecode(indices.ToArray(), shards.ToArray(), shardBytes, output, shardBytes, shardBytes));
        return output;
    }

    public static IEnumerable<int> Range(int start, int endExclusive)
    {
        for (var i = start; i < endExclusive; i++)
        {
            yield return i;
        }
    }
}
