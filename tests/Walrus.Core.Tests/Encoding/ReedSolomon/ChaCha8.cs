using System.Buffers.Binary;
using System.Numerics;

namespace Walrus.Core.Tests.Encoding.ReedSolomon;

/// <summary>
/// The keystream of rand_chacha 0.3's ChaCha8Rng with a 32-byte seed, as the crate's test_util <c>generate_original</c>
/// uses it (as the crate's test_util.rs does): 8 rounds, key = seed, 64-bit block counter from 0, stream 0.
/// </summary>
internal static class ChaCha8
{
    /// <summary>The crate's <c>generate_original(count, shardBytes, seed)</c>, shards back to back (shardBytes a multiple of 4).</summary>
    public static byte[] GenerateOriginal(int count, int shardBytes, byte seed)
    {
        var output = new byte[count * shardBytes];
        Span<byte> key = stackalloc byte[32];
        key.Fill(seed);
        Keystream(key, output);
        return output;
    }

    public static void Keystream(ReadOnlySpan<byte> key, Span<byte> output)
    {
        Span<uint> input = stackalloc uint[16];
        Span<uint> x = stackalloc uint[16];
        Span<byte> block = stackalloc byte[64];
        input[0] = 0x61707865;
        input[1] = 0x3320646e;
        input[2] = 0x79622d32;
        input[3] = 0x6b206574;
        for (var i = 0; i < 8; i++)
        {
            input[4 + i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(4 * i)..]);
        }

        ulong counter = 0;
        for (var offset = 0; offset < output.Length; offset += 64, counter++)
        {
            input[12] = (uint)counter;
            input[13] = (uint)(counter >> 32);
            input[14] = 0;
            input[15] = 0;
            input.CopyTo(x);
            for (var round = 0; round < 4; round++)
            {
                QuarterRound(x, 0, 4, 8, 12);
                QuarterRound(x, 1, 5, 9, 13);
                QuarterRound(x, 2, 6, 10, 14);
                QuarterRound(x, 3, 7, 11, 15);
                QuarterRound(x, 0, 5, 10, 15);
                QuarterRound(x, 1, 6, 11, 12);
                QuarterRound(x, 2, 7, 8, 13);
                QuarterRound(x, 3, 4, 9, 14);
            }

            for (var i = 0; i < 16; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(block[(4 * i)..], x[i] + input[i]);
            }

            var n = Math.Min(64, output.Length - offset);
            block[..n].CopyTo(output[offset..]);
        }
    }

    private static void QuarterRound(Span<uint> x, int a, int b, int c, int d)
    {
        x[a] += x[b];
        x[d] = BitOperations.RotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = BitOperations.RotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = BitOperations.RotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = BitOperations.RotateLeft(x[b] ^ x[c], 7);
    }
}
