using FsCheck;
using FsCheck.Xunit;
using Walrus.Chain.Abi;

namespace Walrus.Chain.Tests.Abi;

public sealed class AbiDecoderRobustnessTests
{
    private static readonly AbiType[] Types = [.. new[] { "uint32", "bytes", "(bytes32,string)[]", "uint16[3]", "address", "bool" }.Select(AbiType.Parse)];

    // Data from the network may be anything: decoding either succeeds or fails with FormatException.
    [Property(MaxTest = 500)]
    public void Arbitrary_bytes_decode_or_fail_with_a_format_exception(byte[] data)
    {
        try
        {
            AbiCodec.Decode(Types, data);
        }
        catch (FormatException)
        {
        }
    }

    [Property(MaxTest = 300)]
    public void Corrupting_one_byte_of_valid_data_never_throws_anything_else(byte position, byte value)
    {
        var valid = AbiCodec.Encode(Types, 7u, new byte[] { 1, 2, 3 },
            new object?[] { new object?[] { Hash256.Zero, "x" } }, new object?[] { (ushort)1, (ushort)2, (ushort)3 }, Address.Zero, true);
        valid[position % valid.Length] = value;
        try
        {
            AbiCodec.Decode(Types, valid);
        }
        catch (FormatException)
        {
        }
    }
}
