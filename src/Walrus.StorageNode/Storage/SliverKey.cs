using System.Buffers.Binary;
using Walrus.Core;

namespace Walrus.StorageNode.Storage;

/// <summary>
/// Key of a stored sliver: shard index (u16 big-endian) ‖ blob id (32 bytes) ‖ sliver type (0 primary, 1 secondary).
/// Big-endian shard first makes every shard one contiguous key range, ordered by blob id, so a shard can be streamed
/// to its next owner in blob-id order or dropped with one range delete.
/// </summary>
public static class SliverKey
{
    /// <summary>The key length.</summary>
    public const int Length = 2 + BlobId.Length + 1;

    /// <summary>Writes the key of a sliver.</summary>
    public static void Write(Span<byte> destination, ShardIndex shard, BlobId blobId, SliverType type)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, shard.Value);
        blobId.CopyTo(destination[2..]);
        destination[Length - 1] = (byte)type;
    }

    /// <summary>The key of a sliver.</summary>
    public static byte[] Create(ShardIndex shard, BlobId blobId, SliverType type)
    {
        var key = new byte[Length];
        Write(key, shard, blobId, type);
        return key;
    }

    /// <summary>The first key of a shard's range (inclusive).</summary>
    public static byte[] ShardStart(ShardIndex shard)
    {
        var key = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(key, shard.Value);
        return key;
    }

    /// <summary>The end of a shard's range (exclusive).</summary>
    public static byte[] ShardEnd(ShardIndex shard)
    {
        var key = new byte[3];
        if (shard.Value == ushort.MaxValue)
        {
            key[0] = 0xFF;
            key[1] = 0xFF;
            key[2] = 0xFF;
            return key;
        }

        BinaryPrimitives.WriteUInt16BigEndian(key, (ushort)(shard.Value + 1));
        return key[..2];
    }

    /// <summary>Reads the parts of a key.</summary>
    public static (ShardIndex Shard, BlobId BlobId, SliverType Type) Read(ReadOnlySpan<byte> key) =>
        (new ShardIndex(BinaryPrimitives.ReadUInt16BigEndian(key)), new BlobId(key.Slice(2, BlobId.Length)), (SliverType)key[Length - 1]);
}
