using Walrus.Chain.Crypto;

namespace Walrus.Chain.Tests.Events;

/// <summary>Hand-assembled EVM code of a contract that emits LOG1(<see cref="Topic"/>, calldata) on every call.</summary>
internal static class EmittingContract
{
    public static Hash256 Topic { get; } = Keccak256.HashUtf8("Emitted(bytes)");

    public static byte[] InitCode()
    {
        var runtime = new List<byte> { 0x36, 0x60, 0x00, 0x60, 0x00, 0x37, 0x7f }; // CALLDATACOPY(0, 0, size); PUSH32
        runtime.AddRange(Topic.ToArray());
        runtime.AddRange([0x36, 0x60, 0x00, 0xa1, 0x00]); // LOG1(0, size, topic); STOP
        byte[] init = [0x60, (byte)runtime.Count, 0x80, 0x60, 0x0b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3];
        return [.. init, .. runtime];
    }
}
