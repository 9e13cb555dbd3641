using System.Security.Cryptography;

namespace Walrus.Core.Tests.TestSupport;

/// <summary>Deterministic test inputs.</summary>
internal static class TestBlobs
{
    /// <summary>The vectors' generator: block j = SHA-256(UTF-8 "seed/j"), 32 bytes each, cut to <paramref name="size"/>.</summary>
    public static byte[] FromSeed(string seed, int size)
    {
        var data = new byte[size];
        Span<byte> block = stackalloc byte[32];
        for (int j = 0, offset = 0; offset < size; j++, offset += 32)
        {
            SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}/{j}"), block);
            block[..Math.Min(32, size - offset)].CopyTo(data.AsSpan(offset));
        }

        return data;
    }

    /// <summary>Seeded random bytes.</summary>
    public static byte[] Random(int seed, int size)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>(shard count, blob size, seed) for the streaming encode and decode tests: empty, 1 byte, odd sizes.</summary>
    public static TheoryData<int, int, int> StreamingShapes => new()
    {
        { 10, 0, 1 },
        { 10, 1, 2 },
        { 13, 33_333, 3 },
        { 31, 250_001, 4 },
        { 100, 400_000, 5 },
    };
}
