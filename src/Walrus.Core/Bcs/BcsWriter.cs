using System.Buffers.Binary;
using Walrus.Core.Merkle;

namespace Walrus.Core.Bcs;

/// <summary>
/// Writes Binary Canonical Serialization (Sui's BCS): little-endian integers, ULEB128 lengths and enum variant indices,
/// fixed arrays raw.
/// </summary>
public sealed class BcsWriter
{
    private byte[] _buffer;
    private int _length;

    public BcsWriter(int capacity = 256) => _buffer = new byte[Math.Max(capacity, 16)];

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The number of bytes written so far.</summary>
    public int Length => _length;

    /// <summary>A copy of the bytes written.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteU8(byte value) => Reserve(1)[0] = value;

    public void WriteBool(bool value) => WriteU8(value ? (byte)1 : (byte)0);

    public void WriteU16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteU32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void WriteU64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>An unsigned LEB128 value (lengths and variant indices).</summary>
    public void WriteUleb128(uint value)
    {
        while (value >= 0x80)
        {
            WriteU8((byte)(value | 0x80));
            value >>= 7;
        }

        WriteU8((byte)value);
    }

    /// <summary>A sequence length.</summary>
    public void WriteLength(int length)
    {
        if (length < 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(length), "A length cannot be negative.");
        }

        WriteUleb128((uint)length);
    }

    /// <summary>An enum variant index.</summary>
    public void WriteVariant(uint index) => WriteUleb128(index);

    /// <summary>A byte vector: ULEB128 length, then the bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteLength(bytes.Length);
        WriteFixed(bytes);
    }

    /// <summary>Raw bytes (a fixed-size array).</summary>
    public void WriteFixed(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>A Merkle node: variant 0 (Empty) or variant 1 and 32 bytes (Digest).</summary>
    public void WriteNode(MerkleNode node)
    {
        if (node.IsEmpty)
        {
            WriteVariant(0);
            return;
        }

        WriteVariant(1);
        node.CopyTo(Reserve(32));
    }

    /// <summary>A blob id: its 32 bytes.</summary>
    public void WriteBlobId(BlobId blobId) => blobId.CopyTo(Reserve(BlobId.Length));

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            var size = Math.Max(checked(_length + count), _buffer.Length * 2);
            Array.Resize(ref _buffer, size);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
