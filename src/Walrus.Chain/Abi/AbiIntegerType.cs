using System.Numerics;

namespace Walrus.Chain.Abi;

/// <summary>uintN and intN for N in 8..256, multiples of 8.</summary>
internal sealed class AbiIntegerType : AbiType
{
    private readonly BigInteger _min;
    private readonly BigInteger _max;

    public AbiIntegerType(int bits, bool signed)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            ThrowHelper.ThrowFormat($"Invalid integer width {bits}.");
        }

        Bits = bits;
        Signed = signed;
        _max = signed ? (BigInteger.One << (bits - 1)) - 1 : (BigInteger.One << bits) - 1;
        _min = signed ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
        CanonicalName = (signed ? "int" : "uint") + bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Bits { get; }

    public bool Signed { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => false;

    public override int GetEncodedSize(object? value) => WordSize;

    public override void Encode(object? value, Span<byte> destination)
    {
        var number = ToBigInteger(value);
        if (number < _min || number > _max)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(value), $"{number} does not fit {CanonicalName}.");
        }

        var word = destination[..WordSize];
        word.Fill(number.Sign < 0 ? (byte)0xFF : (byte)0);
        var length = number.GetByteCount(isUnsigned: number.Sign >= 0);
        if (length > WordSize)
        {
            // Only int256's minimum needs 33 bytes as a signed value; it is 0x80 followed by zeros.
            length = WordSize;
        }

        number.TryWriteBytes(word[(WordSize - length)..], out _, isUnsigned: number.Sign >= 0, isBigEndian: true);
    }

    internal override object? Decode(ReadOnlySpan<byte> data, int offset, AbiDecodeBudget budget)
    {
        var word = Word(data, offset);
        var number = new BigInteger(word, isUnsigned: !Signed, isBigEndian: true);
        if (number < _min || number > _max)
        {
            ThrowHelper.ThrowFormat($"ABI value does not fit {CanonicalName}.");
        }

        return (Signed, Bits) switch
        {
            (false, 8) => (object)(byte)number,
            (false, 16) => (ushort)number,
            (false, <= 32) => (uint)number,
            (false, <= 64) => (ulong)number,
            (true, 8) => (sbyte)number,
            (true, 16) => (short)number,
            (true, <= 32) => (int)number,
            (true, <= 64) => (long)number,
            _ => number,
        };
    }

    internal static BigInteger ToBigInteger(object? value) => value switch
    {
        BigInteger b => b,
        byte b => b,
        sbyte b => b,
        ushort b => b,
        short b => b,
        uint b => b,
        int b => b,
        ulong b => b,
        long b => b,
        UInt128 b => b,
        Int128 b => b,
        _ => ThrowHelper.ThrowFormat<BigInteger>($"Expected an integer, got {value?.GetType().Name ?? "null"}."),
    };
}
