using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Utilities;

namespace Walrus.Chain.Crypto;

/// <summary>
/// secp256k1 ECDSA over 32-byte message hashes: RFC 6979 deterministic nonces (HMAC-SHA-256),
/// low-s normalisation, recovery ids, and public key recovery (SEC 1 §4.1.6).
/// </summary>
public static class Secp256k1
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly BigInteger N = Curve.N;
    private static readonly BigInteger HalfN = N.ShiftRight(1);
    private static readonly FixedPointCombMultiplier Multiplier = new();

    /// <summary>Whether 32 bytes are a valid private key: 0 &lt; d &lt; n.</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey) =>
        privateKey.Length == 32 && IsInRange(new BigInteger(1, privateKey));

    /// <summary>The 64-byte uncompressed public key X || Y of a private key.</summary>
    public static byte[] DerivePublicKey(ReadOnlySpan<byte> privateKey)
    {
        var d = ToScalar(privateKey);
        var q = Multiplier.Multiply(Curve.G, d).Normalize();
        return ToUncompressed64(q);
    }

    /// <summary>Signs a 32-byte hash with a deterministic RFC 6979 nonce; s is always in the lower half.</summary>
    public static Signature Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32)
        {
            ThrowHelper.ThrowArgument("Only 32-byte hashes are signed.", nameof(hash));
        }

        var d = ToScalar(privateKey);
        var e = new BigInteger(1, hash);
        var kCalculator = new HMacDsaKCalculator(new Sha256Digest());
        kCalculator.Init(N, d, hash.ToArray());
        while (true)
        {
            var k = kCalculator.NextK();
            var point = Multiplier.Multiply(Curve.G, k).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(N);
            if (r.SignValue == 0)
            {
                continue;
            }

            var s = k.ModInverse(N).Multiply(e.Add(d.Multiply(r))).Mod(N);
            if (s.SignValue == 0)
            {
                continue;
            }

            var recoveryId = (byte)((point.AffineYCoord.TestBitZero() ? 1 : 0) | (x.CompareTo(N) >= 0 ? 2 : 0));
            if (s.CompareTo(HalfN) > 0)
            {
                s = N.Subtract(s);
                recoveryId ^= 1;
            }

            if (recoveryId > 1)
            {
                // r overflowed n (probability ~2^-128); Ethereum's one-byte v cannot say so. Take the next k.
                continue;
            }

            return new Signature(ToHash(r), ToHash(s), recoveryId);
        }
    }

    /// <summary>
    /// Recovers the 64-byte public key that made <paramref name="signature"/> over <paramref name="hash"/>;
    /// false for a malformed signature. High-s signatures are rejected, as the contracts reject them.
    /// </summary>
    public static bool TryRecoverPublicKey(ReadOnlySpan<byte> hash, Signature signature, out byte[] publicKey)
    {
        publicKey = [];
        if (hash.Length != 32 || signature.RecoveryId > 1)
        {
            return false;
        }

        var r = ToBig(signature.R);
        var s = ToBig(signature.S);
        if (!IsInRange(r) || !IsInRange(s) || s.CompareTo(HalfN) > 0)
        {
            return false;
        }

        Span<byte> encoded = stackalloc byte[33];
        encoded[0] = (byte)(0x02 | signature.RecoveryId);
        signature.R.CopyTo(encoded[1..]);
        ECPoint rPoint;
        try
        {
            rPoint = Curve.Curve.DecodePoint(encoded.ToArray());
        }
        catch (ArgumentException)
        {
            return false;
        }

        var e = new BigInteger(1, hash);
        var rInverse = r.ModInverse(N);
        var u1 = N.Subtract(e).Multiply(rInverse).Mod(N);
        var u2 = s.Multiply(rInverse).Mod(N);
        var q = ECAlgorithms.SumOfTwoMultiplies(Curve.G, u1, rPoint, u2).Normalize();
        if (q.IsInfinity)
        {
            return false;
        }

        publicKey = ToUncompressed64(q);
        return true;
    }

    /// <summary>Recovers the signer's address, or false for a malformed signature.</summary>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> hash, Signature signature, out Address address)
    {
        if (!TryRecoverPublicKey(hash, signature, out var publicKey))
        {
            address = default;
            return false;
        }

        address = Address.FromPublicKey(publicKey);
        return true;
    }

    private static bool IsInRange(BigInteger value) => value.SignValue > 0 && value.CompareTo(N) < 0;

    private static BigInteger ToScalar(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            ThrowHelper.ThrowArgument("A private key is 32 bytes.", nameof(privateKey));
        }

        var d = new BigInteger(1, privateKey);
        if (!IsInRange(d))
        {
            ThrowHelper.ThrowArgument("The private key is out of range.", nameof(privateKey));
        }

        return d;
    }

    private static BigInteger ToBig(Hash256 value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.CopyTo(bytes);
        return new BigInteger(1, bytes);
    }

    private static Hash256 ToHash(BigInteger value)
    {
        return new Hash256(BigIntegers.AsUnsignedByteArray(32, value));
    }

    private static byte[] ToUncompressed64(ECPoint point)
    {
        var result = new byte[64];
        BigIntegers.AsUnsignedByteArray(32, point.AffineXCoord.ToBigInteger()).CopyTo(result, 0);
        BigIntegers.AsUnsignedByteArray(32, point.AffineYCoord.ToBigInteger()).CopyTo(result, 32);
        return result;
    }
}
