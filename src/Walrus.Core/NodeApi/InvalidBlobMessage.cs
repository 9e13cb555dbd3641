using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Walrus.Core.NodeApi;

/// <summary>
/// The serialized message of an invalid-blob attestation (the answer to an inconsistency proof): the EIP-712
/// <c>encodeData</c> of <c>InvalidBlob(uint32 epoch,bytes32 blobId)</c> with its type hash, 3 x 32 bytes:
/// <c>typeHash ‖ uint256(epoch) ‖ blobId</c>. Signed as <c>keccak256(0x1901 ‖ domainSeparator ‖ keccak256(message))</c>
/// (BlobRegistry.invalidBlobDigest).
/// </summary>
public sealed record InvalidBlobMessage(uint Epoch, BlobId BlobId)
{
    /// <summary>The length of the serialized message.</summary>
    public const int Length = 3 * 32;

    /// <summary>keccak256("InvalidBlob(uint32 epoch,bytes32 blobId)").</summary>
    public static ReadOnlySpan<byte> TypeHash => Convert.FromHexString("7d12ff4dc922e6d41b6589b8b1d5f442d1464043c555da40f5655f47e11d6619");

    /// <summary>The 96-byte serialized message.</summary>
    public byte[] Serialize()
    {
        var bytes = new byte[Length];
        TypeHash.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(64 - 4), Epoch);
        BlobId.CopyTo(bytes.AsSpan(64));
        return bytes;
    }

    /// <summary>Parses a serialized message.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out InvalidBlobMessage? message)
    {
        message = null;
        if (bytes.Length != Length || !bytes[..32].SequenceEqual(TypeHash) || !Eip712Words.TryReadUInt32(bytes.Slice(32, 32), out var epoch))
        {
            return false;
        }

        message = new InvalidBlobMessage(epoch, new BlobId(bytes.Slice(64, 32)));
        return true;
    }
}
