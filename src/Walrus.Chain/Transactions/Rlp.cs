using System.Buffers.Binary;
using System.Numerics;

namespace Walrus.Chain.Transactions;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum yellow paper, appendix B). Encoders return the encoded
/// item; <see cref="EncodeList(ReadOnlySpan{byte[]})"/> wraps already-encoded items.
/// </summary>
public static class Rlp
{
    /// <summary>The encoding of the empty string (also of the integer 0).</summary>
    public static ReadOnlySpan<byte> EmptyString => [0x80];

    /// <summary>The encoding of the empty list.</summary>
    public static ReadOnlySpan<byte> EmptyList => [0xC0];

    /// <summary>Encodes a byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < 0x80)
        {
            return [value[0]];
        }

        var headerLength = HeaderLength(value.Length);
        var result = new byte[headerLength + value.Length];
        WriteHeader(result, 0x80, value.Length);
        value.CopyTo(result.AsSpan(headerLength));
        return result;
    }

    /// <summary>Encodes an unsigned integer as its minimal big-endian bytes (0 is the empty string).</summary>
    public static byte[] EncodeUInt(ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        var leading = BitOperations.LeadingZeroCount(value) / 8;
        return EncodeBytes(buffer[leading..]);
    }

    /// <summary>Encodes a non-negative big integer as its minimal big-endian bytes.</summary>
    public static byte[] EncodeUInt(BigInteger value)
    {
        if (value.Sign < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "RLP integers are non-negative.");
        }

        return value.IsZero ? [0x80] : EncodeBytes(value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Wraps already-encoded items in a list.</summary>
    public static byte[] EncodeList(params ReadOnlySpan<byte[]> encodedItems)
    {
        var payload = 0;
        foreach (var item in encodedItems)
        {
            payload += item.Length;
        }

        var headerLength = HeaderLength(payload);
        var result = new byte[headerLength + payload];
        WriteHeader(result, 0xC0, payload);
        var offset = headerLength;
        foreach (var item in encodedItems)
        {
            item.CopyTo(result, offset);
            offset += item.Length;
        }

        return result;
    }

    /// <summary>Decodes exactly one item that spans all of <paramref name="encoded"/>.</summary>
    public static RlpItem Decode(ReadOnlySpan<byte> encoded)
    {
        var item = DecodeItem(encoded, out var consumed);
        if (consumed != encoded.Length)
        {
            ThrowHelper.ThrowFormat("Trailing bytes after the RLP item.");
        }

        return item;
    }

    private static RlpItem DecodeItem(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        if (data.IsEmpty)
        {
            return ThrowHelper.ThrowFormat<RlpItem>("Unexpected end of RLP data.");
        }

        var prefix = data[0];
        if (prefix < 0x80)
        {
            consumed = 1;
            return RlpItem.FromBytes([prefix]);
        }

        var isList = prefix >= 0xC0;
        var baseByte = isList ? 0xC0 : 0x80;
        int headerLength;
        int payloadLength;
        if (prefix - baseByte <= 55)
        {
            headerLength = 1;
            payloadLength = prefix - baseByte;
        }
        else
        {
            var lengthOfLength = prefix - baseByte - 55;
            if (lengthOfLength > 4 || data.Length < 1 + lengthOfLength || data[1] == 0)
            {
                return ThrowHelper.ThrowFormat<RlpItem>("Invalid RLP length prefix.");
            }

            payloadLength = 0;
            for (var i = 0; i < lengthOfLength; i++)
            {
                payloadLength = checked((payloadLength << 8) | data[1 + i]);
            }

            if (payloadLength <= 55)
            {
                return ThrowHelper.ThrowFormat<RlpItem>("Non-canonical RLP long length.");
            }

            headerLength = 1 + lengthOfLength;
        }

        if (payloadLength < 0 || data.Length - headerLength < payloadLength)
        {
            return ThrowHelper.ThrowFormat<RlpItem>("RLP item longer than its data.");
        }

        var payload = data.Slice(headerLength, payloadLength);
        consumed = headerLength + payloadLength;
        if (!isList)
        {
            if (payloadLength == 1 && payload[0] < 0x80)
            {
                return ThrowHelper.ThrowFormat<RlpItem>("Non-canonical RLP single byte.");
            }

            return RlpItem.FromBytes(payload.ToArray());
        }

        var items = new List<RlpItem>();
        while (!payload.IsEmpty)
        {
            items.Add(DecodeItem(payload, out var used));
            payload = payload[used..];
        }

        return RlpItem.FromList(items);
    }

    private static int HeaderLength(int payloadLength) =>
        payloadLength <= 55 ? 1 : 1 + ByteCount((uint)payloadLength);

    private static int ByteCount(uint value) => 4 - (BitOperations.LeadingZeroCount(value) / 8);

    private static void WriteHeader(Span<byte> destination, byte baseByte, int payloadLength)
    {
        if (payloadLength <= 55)
        {
            destination[0] = (byte)(baseByte + payloadLength);
            return;
        }

        var count = ByteCount((uint)payloadLength);
        destination[0] = (byte)(baseByte + 55 + count);
        for (var i = 0; i < count; i++)
        {
            destination[count - i] = (byte)(payloadLength >> (8 * i));
        }
    }
}
