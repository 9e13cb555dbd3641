using System.Buffers.Binary;
using System.Numerics;

namespace Walrus.Core.NodeApi;

/// <summary>32-byte big-endian words of EIP-712 <c>encodeData</c>.</summary>
internal static class Eip712Words
{
    public static void WriteUInt256(Span<byte> word, BigInteger value)
    {
        var length = value.GetByteCount(isUnsigned: true);
        if (value.Sign < 0 || length > 32)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(value), "Not a uint256.");
        }

        word.Clear();
        value.TryWriteBytes(word[(32 - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    public static bool TryReadUInt32(ReadOnlySpan<byte> word, out uint value)
    {
        value = BinaryPrimitives.ReadUInt32BigEndian(word[28..]);
        return !word[..28].ContainsAnyExcept((byte)0);
    }
}
