using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Walrus.Client.UploadRelay;

/// <summary>
/// The proof that ties a tip to one upload: <c>sha256(blob) || sha256(nonce) || unencoded length (u64 little endian)</c>,
/// 72 bytes appended after the ABI arguments of the WAL <c>transfer(relay, tip)</c> call that pays the tip (the token
/// ignores trailing calldata). Only the holder of the nonce can then present the tip, and only for this blob.
/// </summary>
public static class RelayTipPayload
{
    /// <summary>Bytes of the payload.</summary>
    public const int Length = 32 + 32 + 8;

    /// <summary>Bytes of a nonce the client draws.</summary>
    public const int NonceLength = 32;

    /// <summary>Writes the payload of a blob (its SHA-256 and length) and a nonce into <paramref name="destination"/>.</summary>
    public static void Write(ReadOnlySpan<byte> blobSha256, ReadOnlySpan<byte> nonce, ulong unencodedLength, Span<byte> destination)
    {
        if (blobSha256.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("A SHA-256 digest is 32 bytes.", nameof(blobSha256));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length, nameof(destination));
        blobSha256.CopyTo(destination);
        SHA256.HashData(nonce, destination[32..64]);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[64..72], unencodedLength);
    }

    /// <summary>The unencoded length a payload names.</summary>
    public static ulong LengthOf(ReadOnlySpan<byte> payload) => BinaryPrimitives.ReadUInt64LittleEndian(payload[64..72]);
}
