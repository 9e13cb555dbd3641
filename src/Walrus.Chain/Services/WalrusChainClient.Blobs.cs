using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Crypto.Eip712;
using Walrus.Chain.Generated;
using Walrus.Chain.Rpc;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>Storage and blob operations.</summary>
public sealed partial class WalrusChainClient
{
    private static readonly BigInteger MaxAllowance = (BigInteger.One << 256) - 1;

    /// <summary>
    /// Lets the System (payments) and Staking (stake) contracts draw the owner's WAL: approves the maximum
    /// where the allowance is below <paramref name="atLeast"/>.
    /// </summary>
    public async Task ApproveWalAsync(PrivateKey owner, BigInteger atLeast, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        foreach (var spender in (Address[])[Deployment.System, Deployment.Staking])
        {
            if (await Wal.AllowanceAsync(owner.Address, spender, cancellationToken: cancellationToken) < atLeast)
            {
                await Wal.ApproveAsync(owner, spender, MaxAllowance, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Reserves <paramref name="encodedSize"/> bytes from now for <paramref name="epochsAhead"/> epochs, paying at most
    /// <paramref name="maxCost"/> FROST (the contract reverts with SystemCostTooHigh otherwise); returns the storage token id.
    /// </summary>
    public async Task<BigInteger> ReserveStorageAsync(PrivateKey owner, ulong encodedSize, uint epochsAhead, BigInteger maxCost, CancellationToken cancellationToken = default)
    {
        var receipt = await StorageResource.ReserveAsync(owner, encodedSize, epochsAhead, maxCost, cancellationToken);
        return Single<StorageResourceContract.StorageReservedEvent>(receipt, StorageResourceContract.TryDecodeStorageReserved, "StorageReserved").TokenId;
    }

    /// <summary>Registers a blob on a storage token the owner holds, paying at most <paramref name="maxCost"/> FROST of write fee; returns the blob's object id.</summary>
    public async Task<BigInteger> RegisterBlobAsync(PrivateKey owner, BigInteger storageTokenId, BlobRegistration blob, BigInteger maxCost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var receipt = await BlobRegistry.RegisterBlobAsync(owner, storageTokenId, blob.BlobId.ToHash256(), blob.RootHash, blob.Size, blob.EncodingType, blob.Deletable, maxCost, cancellationToken);
        return Single<BlobRegistryContract.BlobRegisteredEvent>(receipt, BlobRegistryContract.TryDecodeBlobRegistered, "BlobRegistered").ObjectId;
    }

    /// <summary>Registers many blobs in one transaction, each on its own storage token, paying at most <paramref name="maxCost"/> FROST; returns the object ids in order.</summary>
    public async Task<IReadOnlyList<BigInteger>> RegisterBlobsAsync(PrivateKey owner, IReadOnlyList<BigInteger> storageTokenIds, IReadOnlyList<BlobRegistration> blobs, BigInteger maxCost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var receipt = await BlobRegistry.RegisterBlobsAsync(owner, storageTokenIds, [.. blobs.Select(ToParams)], maxCost, cancellationToken);
        return [.. All<BlobRegistryContract.BlobRegisteredEvent>(receipt, BlobRegistryContract.TryDecodeBlobRegistered).Select(e => e.ObjectId)];
    }

    /// <summary>Reserves storage for and registers many blobs in one transaction, paying at most <paramref name="maxCost"/> FROST (storage and write fees); returns the object ids in order.</summary>
    public async Task<IReadOnlyList<BigInteger>> ReserveAndRegisterBlobsAsync(PrivateKey owner, IReadOnlyList<BlobRegistration> blobs, uint epochsAhead, BigInteger maxCost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var receipt = await BlobRegistry.ReserveAndRegisterBlobsAsync(owner, [.. blobs.Select(ToParams)], epochsAhead, maxCost, cancellationToken);
        return [.. All<BlobRegistryContract.BlobRegisteredEvent>(receipt, BlobRegistryContract.TryDecodeBlobRegistered).Select(e => e.ObjectId)];
    }

    /// <summary>
    /// The digest a committee member signs to confirm that it stores a blob: persistence permanent with object
    /// id 0, or deletable with the blob's object id.
    /// </summary>
    public Hash256 ConfirmationDigest(Epoch epoch, BlobId blobId, bool deletable, BigInteger objectId) =>
        WalrusMessages.ConfirmationDigest(BlobRegistryDomainSeparator, epoch.Value, blobId.ToHash256(),
            deletable ? WalrusMessages.PersistenceDeletable : WalrusMessages.PersistencePermanent,
            deletable ? objectId : BigInteger.Zero);

    /// <summary>A node's storage confirmation: its signing key's signature of <see cref="ConfirmationDigest"/>.</summary>
    public Signature SignConfirmation(PrivateKey signingKey, Epoch epoch, BlobId blobId, bool deletable, BigInteger objectId)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        return signingKey.SignHash(ConfirmationDigest(epoch, blobId, deletable, objectId));
    }

    /// <summary>Submits a confirmation certificate (point of availability).</summary>
    public Task<TransactionReceipt> CertifyBlobAsync(PrivateKey sender, BigInteger objectId, BlobId blobId, bool deletable, Certificate certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return BlobRegistry.CertifyBlobAsync(sender, objectId, certificate.Epoch.Value, blobId.ToHash256(),
            deletable ? WalrusMessages.PersistenceDeletable : WalrusMessages.PersistencePermanent,
            deletable ? objectId : BigInteger.Zero, certificate.SignersBitmap, certificate.Signatures, cancellationToken);
    }

    /// <summary>Pays (at most <paramref name="maxCost"/> FROST) for <paramref name="extraEpochs"/> more epochs of a blob.</summary>
    public Task<TransactionReceipt> ExtendBlobAsync(PrivateKey owner, BigInteger objectId, uint extraEpochs, BigInteger maxCost, CancellationToken cancellationToken = default) =>
        BlobRegistry.ExtendBlobAsync(owner, objectId, extraEpochs, maxCost, cancellationToken);

    /// <summary>Deletes a deletable blob; its storage returns to the owner as a storage token.</summary>
    public Task<TransactionReceipt> DeleteBlobAsync(PrivateKey owner, BigInteger objectId, CancellationToken cancellationToken = default) =>
        BlobRegistry.DeleteBlobAsync(owner, objectId, cancellationToken);

    /// <summary>Burns a blob token (the data stays until its end epoch; no refund).</summary>
    public Task<TransactionReceipt> BurnBlobAsync(PrivateKey owner, BigInteger objectId, CancellationToken cancellationToken = default) =>
        BlobRegistry.BurnBlobAsync(owner, objectId, cancellationToken);

    /// <summary>Sets a string attribute on a blob.</summary>
    public Task<TransactionReceipt> SetBlobAttributeAsync(PrivateKey owner, BigInteger objectId, string key, string value, CancellationToken cancellationToken = default) =>
        BlobRegistry.SetAttributeAsync(owner, objectId, key, value, cancellationToken);

    /// <summary>Removes an attribute from a blob.</summary>
    public Task<TransactionReceipt> RemoveBlobAttributeAsync(PrivateKey owner, BigInteger objectId, string key, CancellationToken cancellationToken = default) =>
        BlobRegistry.RemoveAttributeAsync(owner, objectId, key, cancellationToken);

    /// <summary>A blob's attributes.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetBlobAttributesAsync(BigInteger objectId, CancellationToken cancellationToken = default)
    {
        var attributes = await BlobRegistry.AttributesAsync(objectId, cancellationToken: cancellationToken);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < attributes.Keys.Count; i++)
        {
            result[attributes.Keys[i]] = attributes.Values[i];
        }

        return result;
    }

    /// <summary>A blob's on-chain record.</summary>
    public async Task<BlobRecord> GetBlobAsync(BigInteger objectId, CancellationToken cancellationToken = default)
    {
        var b = await BlobRegistry.BlobAsync(objectId, cancellationToken: cancellationToken);
        return new BlobRecord(objectId, b.BlobId.ToBlobId(), new Epoch(b.RegisteredEpoch), b.CertifiedEpoch == 0 ? null : new Epoch(b.CertifiedEpoch),
            new Epoch(b.StartEpoch), new Epoch(b.EndEpoch), b.Size, b.EncodingType, b.Deletable, b.StorageSize);
    }

    /// <summary>The digest members sign to attest that a blob id is inconsistent.</summary>
    public Hash256 InvalidBlobDigest(Epoch epoch, BlobId blobId) =>
        WalrusMessages.InvalidBlobDigest(BlobRegistryDomainSeparator, epoch.Value, blobId.ToHash256());

    /// <summary>Marks a blob id invalid with a certificate of members holding at least f+1 shards.</summary>
    public Task<TransactionReceipt> InvalidateBlobAsync(PrivateKey sender, BlobId blobId, Certificate certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return BlobRegistry.InvalidateBlobIdAsync(sender, certificate.Epoch.Value, blobId.ToHash256(), certificate.SignersBitmap, certificate.Signatures, cancellationToken);
    }

    private static BlobRegistryContract.BlobParams ToParams(BlobRegistration b) =>
        new(b.BlobId.ToHash256(), b.RootHash, b.Size, b.EncodingType, b.Deletable);
}
