using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Crypto.Eip712;
using Walrus.Core;

namespace Walrus.StorageNode.Epochs;

/// <summary>
/// A shard-sync request (<c>POST /v1/migrate/sync_shard</c>): the EIP-712 struct
/// <c>SyncShard(uint32 epoch,uint16 shardIndex,uint8 sliverType,bytes32 startingBlobId,uint64 sliverCount)</c>.
/// Its serialized form is the struct's <c>encodeData</c> with the type hash, 6 x 32 bytes:
/// <c>typeHash ‖ uint256(epoch) ‖ uint256(shardIndex) ‖ uint256(sliverType) ‖ startingBlobId ‖ uint256(sliverCount)</c>
/// (integers big-endian, left-padded; sliver type 0 primary, 1 secondary). The signed digest is
/// <c>keccak256(0x1901 ‖ domainSeparator ‖ keccak256(message))</c> in the confirmations' domain (the BlobRegistry's).
/// The starting blob id is inclusive; slivers come in blob-id order.
/// </summary>
public sealed record SyncShardMessage(uint Epoch, ShardIndex Shard, SliverType Type, BlobId StartingBlobId, ulong SliverCount)
{
    /// <summary>The EIP-712 type.</summary>
    public const string TypeString = "SyncShard(uint32 epoch,uint16 shardIndex,uint8 sliverType,bytes32 startingBlobId,uint64 sliverCount)";

    /// <summary>Length of the serialized message.</summary>
    public const int Length = 6 * 32;

    private static readonly Hash256 TypeHash = Keccak256.HashUtf8(TypeString);

    /// <summary>The 192-byte serialized message.</summary>
    public byte[] Serialize()
    {
        var bytes = new byte[Length];
        TypeHash.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(64 - 4), Epoch);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(96 - 2), Shard.Value);
        bytes[127] = (byte)Type;
        StartingBlobId.CopyTo(bytes.AsSpan(128));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(192 - 8), SliverCount);
        return bytes;
    }

    /// <summary>The digest signed in the domain <paramref name="domainSeparator"/>.</summary>
    public Hash256 Digest(Hash256 domainSeparator) => Eip712Hasher.Digest(domainSeparator, Keccak256.Hash(Serialize()));

    /// <summary>Parses a serialized message; false unless it has the layout above, the type hash and values in range.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out SyncShardMessage? message)
    {
        message = null;
        Span<byte> typeHash = stackalloc byte[32];
        TypeHash.CopyTo(typeHash);
        if (bytes.Length != Length || !bytes[..32].SequenceEqual(typeHash)
            || bytes.Slice(32, 28).ContainsAnyExcept((byte)0)
            || bytes.Slice(64, 30).ContainsAnyExcept((byte)0)
            || bytes.Slice(96, 31).ContainsAnyExcept((byte)0) || bytes[127] > 1
            || bytes.Slice(160, 24).ContainsAnyExcept((byte)0))
        {
            return false;
        }

        message = new SyncShardMessage(
            BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(60, 4)),
            new ShardIndex(BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(94, 2))),
            (SliverType)bytes[127],
            new BlobId(bytes.Slice(128, 32)),
            BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(184, 8)));
        return true;
    }
}
