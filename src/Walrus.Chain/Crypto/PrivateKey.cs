using System.Security.Cryptography;

namespace Walrus.Chain.Crypto;

/// <summary>
/// A secp256k1 private key with its public key and address. The key bytes stay inside; they are
/// zeroed on <see cref="Dispose"/> and never printed.
/// </summary>
public sealed class PrivateKey : IDisposable
{
    private readonly byte[] _key;
    private readonly byte[] _publicKey;

    /// <summary>Wraps 32 key bytes (copied).</summary>
    public PrivateKey(ReadOnlySpan<byte> key)
    {
        if (!Secp256k1.IsValidPrivateKey(key))
        {
            ThrowHelper.ThrowArgument("A private key is 32 bytes in the range 1..n-1.", nameof(key));
        }

        _key = key.ToArray();
        _publicKey = Secp256k1.DerivePublicKey(_key);
        Address = Address.FromPublicKey(_publicKey);
    }

    /// <summary>The account address of this key.</summary>
    public Address Address { get; }

    /// <summary>The 64-byte uncompressed public key X || Y.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>A fresh random key from the system CSPRNG.</summary>
    public static PrivateKey Generate()
    {
        Span<byte> buffer = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(buffer);
            if (Secp256k1.IsValidPrivateKey(buffer))
            {
                var key = new PrivateKey(buffer);
                CryptographicOperations.ZeroMemory(buffer);
                return key;
            }
        }
    }

    /// <summary>Parses 0x-prefixed (or bare) hex of 32 bytes.</summary>
    public static PrivateKey FromHex(string hex)
    {
        Span<byte> buffer = stackalloc byte[32];
        Hex.DecodeInto(hex, buffer);
        var key = new PrivateKey(buffer);
        CryptographicOperations.ZeroMemory(buffer);
        return key;
    }

    /// <summary>Signs a 32-byte hash (RFC 6979, low-s, with recovery id).</summary>
    public Signature SignHash(ReadOnlySpan<byte> hash) => Secp256k1.Sign(_key, hash);

    /// <summary>Signs a 32-byte hash.</summary>
    public Signature SignHash(Hash256 hash)
    {
        Span<byte> bytes = stackalloc byte[32];
        hash.CopyTo(bytes);
        return Secp256k1.Sign(_key, bytes);
    }

    /// <summary>The key as 0x-hex, for writing key files; handle with care.</summary>
    public string ExportHex() => Hex.Encode(_key);

    /// <summary>Zeroes the key bytes.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    /// <summary>Shows the address only, never the key.</summary>
    public override string ToString() => $"PrivateKey({Address})";
}
