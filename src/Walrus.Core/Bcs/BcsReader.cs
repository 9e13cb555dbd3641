using System.Buffers.Binary;
using Walrus.Core.Merkle;

namespace Walrus.Core.Bcs;

/// <summary>
/// Reads BCS from bytes that may come from the network: every length is checked against the remaining input and a
/// caller's maximum before anything is allocated; failures are reported through <c>Try*</c> results and
/// <see cref="Error"/>, never exceptions.
/// </summary>
public ref struct BcsReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public BcsReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        Error = null;
    }

    /// <summary>Why the last read failed; null while every read succeeded.</summary>
    public string? Error { get; private set; }

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>The read position.</summary>
    public readonly int Position => _position;

    /// <summary>Records <paramref name="error"/> (the first one wins) and returns false.</summary>
    public bool Fail(string error)
    {
        Error ??= error;
        return false;
    }

    /// <summary>Succeeds if every byte was consumed.</summary>
    public bool TryFinish() => Error is null && (Remaining == 0 || Fail($"{Remaining} trailing bytes"));

    public bool TryReadU8(out byte value)
    {
        if (!TryTake(1, out var span))
        {
            value = 0;
            return false;
        }

        value = span[0];
        return true;
    }

    public bool TryReadBool(out bool value)
    {
        value = false;
        if (!TryReadU8(out var b))
        {
            return false;
        }

        if (b > 1)
        {
            return Fail("a bool must be 0 or 1");
        }

        value = b == 1;
        return true;
    }

    public bool TryReadU16(out ushort value)
    {
        value = 0;
        if (!TryTake(2, out var span))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt16LittleEndian(span);
        return true;
    }

    public bool TryReadU32(out uint value)
    {
        value = 0;
        if (!TryTake(4, out var span))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(span);
        return true;
    }

    public bool TryReadU64(out ulong value)
    {
        value = 0;
        if (!TryTake(8, out var span))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(span);
        return true;
    }

    /// <summary>A canonical (shortest) ULEB128 value that fits in 32 bits.</summary>
    public bool TryReadUleb128(out uint value)
    {
        value = 0;
        ulong result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (!TryReadU8(out var b))
            {
                return false;
            }

            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                if (shift > 0 && b == 0)
                {
                    return Fail("non-canonical ULEB128");
                }

                if (result > uint.MaxValue)
                {
                    return Fail("ULEB128 value out of range");
                }

                value = (uint)result;
                return true;
            }
        }

        return Fail("ULEB128 value too long");
    }

    /// <summary>An enum variant index.</summary>
    public bool TryReadVariant(out uint index) => TryReadUleb128(out index);

    /// <summary>
    /// A sequence length, refused if above <paramref name="max"/> or if <paramref name="minElementBytes"/> per element
    /// would not fit in the remaining input (so hostile lengths never reach an allocation).
    /// </summary>
    public bool TryReadLength(int max, int minElementBytes, out int length)
    {
        length = 0;
        if (!TryReadUleb128(out var raw))
        {
            return false;
        }

        if (raw > (uint)max)
        {
            return Fail($"length {raw} exceeds the limit {max}");
        }

        if ((long)raw * Math.Max(minElementBytes, 0) > Remaining)
        {
            return Fail($"length {raw} exceeds the remaining {Remaining} bytes");
        }

        length = (int)raw;
        return true;
    }

    /// <summary>A byte vector of at most <paramref name="maxLength"/> bytes, returned as a slice of the input.</summary>
    public bool TryReadBytes(int maxLength, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        return TryReadLength(maxLength, 1, out var length) && TryTake(length, out bytes);
    }

    /// <summary><paramref name="count"/> raw bytes (a fixed-size array).</summary>
    public bool TryReadFixed(int count, out ReadOnlySpan<byte> bytes) => TryTake(count, out bytes);

    /// <summary>A Merkle node.</summary>
    public bool TryReadNode(out MerkleNode node)
    {
        node = MerkleNode.Empty;
        if (!TryReadVariant(out var variant))
        {
            return false;
        }

        switch (variant)
        {
            case 0:
                return true;
            case 1:
                if (!TryTake(32, out var digest))
                {
                    return false;
                }

                node = MerkleNode.FromDigest(digest);
                return true;
            default:
                return Fail($"unknown Merkle node variant {variant}");
        }
    }

    /// <summary>A blob id (32 raw bytes).</summary>
    public bool TryReadBlobId(out BlobId blobId)
    {
        blobId = default;
        if (!TryTake(BlobId.Length, out var bytes))
        {
            return false;
        }

        blobId = new BlobId(bytes);
        return true;
    }

    private bool TryTake(int count, out ReadOnlySpan<byte> span)
    {
        if (Error is not null)
        {
            span = default;
            return false;
        }

        if (count < 0 || count > Remaining)
        {
            span = default;
            return Fail($"unexpected end of input: {count} bytes needed, {Remaining} left");
        }

        span = _data.Slice(_position, count);
        _position += count;
        return true;
    }
}
