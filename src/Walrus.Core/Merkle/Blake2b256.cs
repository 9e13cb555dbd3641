using NSec.Cryptography;

namespace Walrus.Core.Merkle;

/// <summary>
/// Blake2b with a 32-byte digest (what Walrus uses for Merkle trees and blob ids), through libsodium's generic hash.
/// For many equal-length inputs use <see cref="MerkleTree"/>, which hashes eight inputs at a time.
/// </summary>
public static class Blake2b256
{
    /// <summary>The digest length.</summary>
    public const int DigestLength = 32;

    private static readonly HashAlgorithm Algorithm = HashAlgorithm.Blake2b_256;

    /// <summary>Hashes <paramref name="data"/> into <paramref name="digest"/> (32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest) => Algorithm.Hash(data, digest[..DigestLength]);

    /// <summary>Hashes <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data) => Algorithm.Hash(data);

    /// <summary>Hashes the one-byte <paramref name="prefix"/> followed by <paramref name="data"/>.</summary>
    public static void Hash(byte prefix, ReadOnlySpan<byte> data, Span<byte> digest)
    {
        IncrementalHash.Initialize(Algorithm, out var state);
        ReadOnlySpan<byte> head = [prefix];
        IncrementalHash.Update(ref state, head);
        IncrementalHash.Update(ref state, data);
        IncrementalHash.Finalize(ref state, digest[..DigestLength]);
    }

    /// <summary>Hashes the one-byte <paramref name="prefix"/> followed by <paramref name="first"/> and <paramref name="second"/>.</summary>
    public static void Hash(byte prefix, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> digest)
    {
        IncrementalHash.Initialize(Algorithm, out var state);
        ReadOnlySpan<byte> head = [prefix];
        IncrementalHash.Update(ref state, head);
        IncrementalHash.Update(ref state, first);
        IncrementalHash.Update(ref state, second);
        IncrementalHash.Finalize(ref state, digest[..DigestLength]);
    }
}
