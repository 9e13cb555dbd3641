using System.Runtime.InteropServices;

namespace Walrus.Chain.Crypto;

/// <summary>
/// A secp256k1 ECDSA signature with its recovery id: r, s (low-s form) and y-parity 0 or 1.
/// The 65-byte form is r || s || v with v = 27 + recovery id, the layout Solidity's ecrecover-based
/// verifiers (OpenZeppelin ECDSA) accept.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Signature(Hash256 R, Hash256 S, byte RecoveryId)
{
    /// <summary>Length of the r || s || v form.</summary>
    public const int Length = 65;

    /// <summary>Writes r || s || (27 + recovery id).</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            ThrowHelper.ThrowDestinationTooShort();
        }

        R.CopyTo(destination);
        S.CopyTo(destination[32..]);
        destination[64] = (byte)(27 + RecoveryId);
    }

    /// <summary>r || s || (27 + recovery id) as a new array.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Reads r || s || v, where v is 0, 1, 27 or 28.</summary>
    public static Signature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            ThrowHelper.ThrowArgument("A signature is 65 bytes: r || s || v.", nameof(bytes));
        }

        var v = bytes[64];
        var recoveryId = v switch
        {
            0 or 1 => v,
            27 or 28 => (byte)(v - 27),
            _ => ThrowHelper.ThrowFormat<byte>($"Invalid recovery byte {v}."),
        };
        return new Signature(new Hash256(bytes[..32]), new Hash256(bytes[32..64]), recoveryId);
    }

    /// <summary>0x-hex of the 65-byte form.</summary>
    public override string ToString() => Hex.Encode(ToBytes());
}
