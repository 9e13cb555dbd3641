using System.Buffers.Binary;

namespace Walrus.Core;

/// <summary>32 bytes held by value (four little-endian words), with value equality. Backs <see cref="BlobId"/> and digests.</summary>
internal readonly record struct Bytes32(ulong W0, ulong W1, ulong W2, ulong W3)
{
    public const int Length = 32;

    public static Bytes32 Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            ThrowHelper.Argument(nameof(bytes), $"Expected exactly 32 bytes, got {bytes.Length}.");
        }

        return new Bytes32(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }

    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            ThrowHelper.Argument(nameof(destination), $"The destination holds {destination.Length} bytes; 32 are needed.");
        }

        BinaryPrimitives.WriteUInt64LittleEndian(destination, W0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], W1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], W2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], W3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    public bool IsZero => (W0 | W1 | W2 | W3) == 0;
}
