using System.Buffers.Binary;
using System.Numerics;

namespace Walrus.Chain.Crypto.Eip712;

/// <summary>
/// The EIP-712 messages that Walrus.NET's contracts verify, hashed byte for byte as they do
/// (contracts/src/BlobRegistry.sol, NodeRegistry.sol): domain {name "Walrus", version "1", chainId,
/// verifyingContract}, where the verifying contract is the BlobRegistry proxy for Confirmation and
/// InvalidBlob and the NodeRegistry proxy for ProofOfPossession.
/// </summary>
public static class WalrusMessages
{
    /// <summary>Domain name.</summary>
    public const string DomainName = "Walrus";

    /// <summary>Domain version.</summary>
    public const string DomainVersion = "1";

    /// <summary>EIP-712 type of a storage confirmation.</summary>
    public const string ConfirmationType = "Confirmation(uint32 epoch,bytes32 blobId,uint8 persistence,uint256 objectId)";

    /// <summary>EIP-712 type of an invalid-blob attestation.</summary>
    public const string InvalidBlobType = "InvalidBlob(uint32 epoch,bytes32 blobId)";

    /// <summary>EIP-712 type of a node's proof of possession of its signing key.</summary>
    public const string ProofOfPossessionType = "ProofOfPossession(uint32 epoch,address owner,address signingKey)";

    /// <summary>Persistence of a permanent blob (its confirmation carries object id 0).</summary>
    public const byte PersistencePermanent = 0;

    /// <summary>Persistence of a deletable blob (its confirmation carries the blob's object id).</summary>
    public const byte PersistenceDeletable = 1;

    private static readonly Hash256 ConfirmationTypeHash = Keccak256.HashUtf8(ConfirmationType);
    private static readonly Hash256 InvalidBlobTypeHash = Keccak256.HashUtf8(InvalidBlobType);
    private static readonly Hash256 ProofOfPossessionTypeHash = Keccak256.HashUtf8(ProofOfPossessionType);

    /// <summary>The Walrus domain on <paramref name="chainId"/> for <paramref name="verifyingContract"/>.</summary>
    public static Eip712Domain Domain(ulong chainId, Address verifyingContract) => new()
    {
        Name = DomainName,
        Version = DomainVersion,
        ChainId = new BigInteger(chainId),
        VerifyingContract = verifyingContract,
    };

    /// <summary>The digest a node signs to confirm it stores a blob (BlobRegistry.confirmationDigest).</summary>
    public static Hash256 ConfirmationDigest(Hash256 domainSeparator, uint epoch, Hash256 blobId, byte persistence, BigInteger objectId)
    {
        Span<byte> encoded = stackalloc byte[5 * 32];
        encoded.Clear();
        ConfirmationTypeHash.CopyTo(encoded);
        BinaryPrimitives.WriteUInt32BigEndian(encoded[(64 - 4)..], epoch);
        blobId.CopyTo(encoded[64..]);
        encoded[(128 - 1)] = persistence;
        WriteUInt256(encoded[128..], objectId);
        return Eip712Hasher.Digest(domainSeparator, Keccak256.Hash(encoded));
    }

    /// <summary>The digest a node signs to attest that a blob id is invalid (BlobRegistry.invalidBlobDigest).</summary>
    public static Hash256 InvalidBlobDigest(Hash256 domainSeparator, uint epoch, Hash256 blobId)
    {
        Span<byte> encoded = stackalloc byte[3 * 32];
        encoded.Clear();
        InvalidBlobTypeHash.CopyTo(encoded);
        BinaryPrimitives.WriteUInt32BigEndian(encoded[(64 - 4)..], epoch);
        blobId.CopyTo(encoded[64..]);
        return Eip712Hasher.Digest(domainSeparator, Keccak256.Hash(encoded));
    }

    /// <summary>The digest a node's signing key signs to prove possession (NodeRegistry.proofOfPossessionDigest).</summary>
    public static Hash256 ProofOfPossessionDigest(Hash256 domainSeparator, uint epoch, Address owner, Address signingKey)
    {
        Span<byte> encoded = stackalloc byte[4 * 32];
        encoded.Clear();
        ProofOfPossessionTypeHash.CopyTo(encoded);
        BinaryPrimitives.WriteUInt32BigEndian(encoded[(64 - 4)..], epoch);
        owner.CopyTo(encoded[(96 - 20)..]);
        signingKey.CopyTo(encoded[(128 - 20)..]);
        return Eip712Hasher.Digest(domainSeparator, Keccak256.Hash(encoded));
    }

    /// <summary>Whether <paramref name="signature"/> over <paramref name="digest"/> was made by <paramref name="expectedSigner"/>.</summary>
    public static bool Verify(Hash256 digest, Signature signature, Address expectedSigner)
    {
        Span<byte> hash = stackalloc byte[32];
        digest.CopyTo(hash);
        return Secp256k1.TryRecoverAddress(hash, signature, out var signer) && signer == expectedSigner;
    }

    private static void WriteUInt256(Span<byte> destination, BigInteger value)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > 32)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "Not a uint256.");
        }

        destination[..32].Clear();
        var length = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(destination[(32 - length)..32], out _, isUnsigned: true, isBigEndian: true);
    }
}
