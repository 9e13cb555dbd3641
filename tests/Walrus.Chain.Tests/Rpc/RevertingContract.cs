using Walrus.Chain.Abi;

namespace Walrus.Chain.Tests.Rpc;

/// <summary>Hand-assembled EVM code of a contract whose every call reverts with fixed revert data (at most 64 bytes).</summary>
internal static class RevertingContract
{
    public static byte[] InitCode(byte[] revertData)
    {
        Assert.InRange(revertData.Length, 1, 64);
        var padded = new byte[64];
        revertData.CopyTo(padded, 0);
        var runtime = new List<byte>();
        for (var word = 0; word < 2; word++)
        {
            runtime.Add(0x7f); // PUSH32 word
            runtime.AddRange(padded.AsSpan(word * 32, 32).ToArray());
            runtime.AddRange([0x60, (byte)(word * 32), 0x52]); // PUSH1 offset, MSTORE
        }

        runtime.AddRange([0x60, (byte)revertData.Length, 0x60, 0x00, 0xfd]); // REVERT(0, length)
        byte[] init = [0x60, (byte)runtime.Count, 0x80, 0x60, 0x0b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3];
        return [.. init, .. runtime];
    }

    public static AbiError NotCertified { get; } = new("BlobRegistryNotCertified", [AbiParameter.Of("blobId", "bytes32")]);
}
