using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Walrus.Core.NodeApi;

/// <summary>
/// The serialized message of a storage confirmation: the EIP-712 <c>encodeData</c> of
/// <c>Confirmation(uint32 epoch,bytes32 blobId,uint8 persistence,uint256 objectId)</c> with its type hash, 5 x 32 bytes:
/// <c>typeHash ‖ uint256(epoch) ‖ blobId ‖ uint256(persistence) ‖ uint256(objectId)</c>, integers big-endian and
/// left-padded, the blob id's 32 bytes as they are. Persistence 0 = permanent (object id 0), 1 = deletable (the blob
/// object's id). The signed digest is <c>keccak256(0x1901 ‖ domainSeparator ‖ keccak256(message))</c>, which is what
/// BlobRegistry.confirmationDigest computes.
/// </summary>
public sealed record ConfirmationMessage(uint Epoch, BlobId BlobId, byte Persistence, BigInteger ObjectId)
{
    /// <summary>The length of the serialized message.</summary>
    public const int Length = 5 * 32;

    /// <summary>Persistence of a permanent blob.</summary>
    public const byte Permanent = 0;

    /// <summary>Persistence of a deletable blob.</summary>
    public const byte Deletable = 1;

    /// <summary>keccak256("Confirmation(uint32 epoch,bytes32 blobId,uint8 persistence,uint256 objectId)").</summary>
    public static ReadOnlySpan<byte> TypeHash => Convert.FromHexString("5772e61172f1ccb81dde22d982a0c5bbb8ad19c26e5deefadb81ebd3576baf8c");

    /// <summary>The 160-byte serialized message.</summary>
    public byte[] Serialize()
    {
        var bytes = new byte[Length];
        TypeHash.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(64 - 4), Epoch);
        BlobId.CopyTo(bytes.AsSpan(64));
        bytes[127] = Persistence;
        Eip712Words.WriteUInt256(bytes.AsSpan(128, 32), ObjectId);
        return bytes;
    }

    /// <summary>Parses a serialized message; false unless it has the layout above and the confirmation type hash.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out ConfirmationMessage? message)
    {
        message = null;
        if (bytes.Length != Length || !bytes[..32].SequenceEqual(TypeHash)
            || !Eip712Words.TryReadUInt32(bytes.Slice(32, 32), out var epoch)
            || !Eip712Words.TryReadUInt32(bytes.Slice(96, 32), out var persistence) || persistence > Deletable)
        {
            return false;
        }

        message = new ConfirmationMessage(epoch, new BlobId(bytes.Slice(64, 32)), (byte)persistence, new BigInteger(bytes.Slice(128, 32), isUnsigned: true, isBigEndian: true));
        return true;
    }
}
