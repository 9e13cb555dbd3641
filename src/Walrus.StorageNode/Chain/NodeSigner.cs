using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Crypto.Eip712;
using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.StorageNode.Chain;

/// <summary>
/// Signs the node's EIP-712 messages (storage confirmations, invalid-blob attestations) with its signing key, in the
/// domain of the deployment's BlobRegistry. Part of the node's chain adapter: the only place that knows Walrus.Chain's
/// hashing types.
/// </summary>
public sealed class NodeSigner : IDisposable
{
    private readonly PrivateKey _key;
    private readonly Hash256 _domainSeparator;

    /// <summary>Takes ownership of <paramref name="key"/>.</summary>
    public NodeSigner(PrivateKey key, ulong chainId, Address blobRegistry)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _domainSeparator = WalrusMessages.Domain(chainId, blobRegistry).Separator();
    }

    /// <summary>The signing address (0x + 40 hex digits).</summary>
    public string Address => _key.Address.ToString();

    /// <summary>Signs a storage confirmation.</summary>
    public SignedMessage Sign(ConfirmationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var digest = WalrusMessages.ConfirmationDigest(_domainSeparator, message.Epoch, ToHash(message.BlobId), message.Persistence, message.ObjectId);
        return new SignedMessage(message.Serialize(), _key.SignHash(digest).ToBytes());
    }

    /// <summary>Signs an invalid-blob attestation.</summary>
    public SignedMessage Sign(InvalidBlobMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var digest = WalrusMessages.InvalidBlobDigest(_domainSeparator, message.Epoch, ToHash(message.BlobId));
        return new SignedMessage(message.Serialize(), _key.SignHash(digest).ToBytes());
    }

    /// <summary>Whether <paramref name="signed"/> is a valid signature by <paramref name="signer"/> of its serialized message in this domain.</summary>
    public bool VerifyFrom(SignedMessage signed, string signer)
    {
        ArgumentNullException.ThrowIfNull(signed);
        if (signed.Signature.Length != Signature.Length || !Walrus.Chain.Address.TryParse(signer, out var expected))
        {
            return false;
        }

        Hash256 digest;
        if (ConfirmationMessage.TryParse(signed.SerializedMessage, out var confirmation))
        {
            digest = WalrusMessages.ConfirmationDigest(_domainSeparator, confirmation.Epoch, ToHash(confirmation.BlobId), confirmation.Persistence, confirmation.ObjectId);
        }
        else if (InvalidBlobMessage.TryParse(signed.SerializedMessage, out var invalid))
        {
            digest = WalrusMessages.InvalidBlobDigest(_domainSeparator, invalid.Epoch, ToHash(invalid.BlobId));
        }
        else
        {
            return false;
        }

        return WalrusMessages.Verify(digest, Signature.FromBytes(signed.Signature), expected);
    }

    /// <summary>Signs a shard-sync request; returns the serialized message and its 65-byte signature.</summary>
    public (byte[] Message, byte[] Signature) Sign(Epochs.SyncShardMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (message.Serialize(), _key.SignHash(message.Digest(_domainSeparator)).ToBytes());
    }

    /// <summary>Whether <paramref name="signature"/> over a shard-sync request was made by <paramref name="signer"/> (an address 0x + 40 hex digits).</summary>
    public bool VerifySyncShard(Epochs.SyncShardMessage message, ReadOnlySpan<byte> signature, string signer)
    {
        ArgumentNullException.ThrowIfNull(message);
        return signature.Length == Signature.Length && Walrus.Chain.Address.TryParse(signer, out var expected)
            && WalrusMessages.Verify(message.Digest(_domainSeparator), Signature.FromBytes(signature), expected);
    }

    /// <summary>A blob id as the chain's bytes32.</summary>
    public static Hash256 ToHash(BlobId blobId)
    {
        Span<byte> bytes = stackalloc byte[BlobId.Length];
        blobId.CopyTo(bytes);
        return new Hash256(bytes);
    }

    /// <summary>A chain bytes32 as a blob id.</summary>
    public static BlobId ToBlobId(Hash256 hash)
    {
        Span<byte> bytes = stackalloc byte[32];
        hash.CopyTo(bytes);
        return new BlobId(bytes);
    }

    public void Dispose() => _key.Dispose();
}
