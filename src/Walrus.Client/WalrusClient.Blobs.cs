using System.Numerics;
using Walrus.Chain;
using Walrus.Chain.Generated;
using Walrus.Chain.Services;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>Managing owned blob objects: list, extend, delete, burn, attributes.</summary>
public sealed partial class WalrusClient
{
    /// <summary>The wallet's blob objects (see <see cref="ListBlobsAsync(Address, bool, CancellationToken)"/>).</summary>
    public Task<IReadOnlyList<OwnedBlob>> ListBlobsAsync(bool includeExpired = false, CancellationToken cancellationToken = default) =>
        ListBlobsAsync(WalletFor("Listing your blobs").Address, includeExpired, cancellationToken);

    /// <summary>
    /// The blob objects <paramref name="owner"/> holds, ascending by object id, each with its state in the current epoch;
    /// expired ones only with <paramref name="includeExpired"/>. Everything is read at one block.
    /// </summary>
    public async Task<IReadOnlyList<OwnedBlob>> ListBlobsAsync(Address owner, bool includeExpired, CancellationToken cancellationToken = default)
    {
        var eth = Chain.Client.Eth;
        var block = await eth.GetBlockNumberAsync(cancellationToken);
        var (epoch, _) = await Chain.GetEpochAsync(cancellationToken);
        var registry = Chain.Deployment.BlobRegistry;
        var tokens = await GetOwnedTokensAsync(registry, BlobRegistryContract.Events.Transfer.Topic0, BlobRegistryContract.Functions.OwnerOf, owner,
            registry, BlobRegistryContract.Functions.Blob, block, cancellationToken);
        var blobs = new List<OwnedBlob>(tokens.Count);
        foreach (var (id, detail) in tokens)
        {
            var record = ToRecord(id, (object?[])detail[0]!);
            var state = epoch.Value >= record.EndEpoch.Value ? OwnedBlobState.Expired
                : record.CertifiedEpoch is null ? OwnedBlobState.Registered
                : OwnedBlobState.Certified;
            if (state != OwnedBlobState.Expired || includeExpired)
            {
                blobs.Add(new OwnedBlob(record, state));
            }
        }

        return blobs;
    }

    /// <summary>
    /// Pays for <paramref name="epochs"/> more epochs of a certified, unexpired blob object the wallet holds, at most the
    /// contracts' current quote and never more than <paramref name="maxCost"/> FROST (null: the quote).
    /// </summary>
    /// <exception cref="WalrusClientException">The object does not exist, is not certified or has expired, the quote is above <paramref name="maxCost"/>, or the new end is too far ahead.</exception>
    public async Task<BlobExtension> ExtendBlobAsync(BigInteger objectId, uint epochs, BigInteger? maxCost = null, CancellationToken cancellationToken = default)
    {
        var wallet = WalletFor("Extending a blob");
        if (epochs == 0)
        {
            throw new WalrusClientException("extending by 0 epochs does nothing: give at least 1 epoch");
        }

        var record = await GetOwnedBlobAsync(objectId, cancellationToken);
        var state = await Chain.GetSystemStateAsync(cancellationToken);
        if (record.CertifiedEpoch is null)
        {
            throw new WalrusClientException($"blob object {objectId} ({record.BlobId}) is not certified: only certified blobs can be extended (store the file again to finish it)");
        }

        if (state.Epoch.Value >= record.EndEpoch.Value)
        {
            throw new WalrusClientException($"blob object {objectId} ({record.BlobId}) expired at epoch {record.EndEpoch.Value}: store the file again");
        }

        var newEnd = (ulong)record.EndEpoch.Value + epochs;
        if (newEnd - state.Epoch.Value > state.MaxEpochsAhead)
        {
            throw new WalrusClientException($"extending blob object {objectId} to epoch {newEnd} goes beyond {state.MaxEpochsAhead} epochs ahead of the current epoch {state.Epoch.Value}: extend by at most {state.MaxEpochsAhead - (record.EndEpoch.Value - state.Epoch.Value)} epochs");
        }

        var quote = await Chain.System.StorageCostAsync(record.StorageSize, epochs, cancellationToken: cancellationToken);
        if (maxCost is { } limit && quote > limit)
        {
            throw new WalrusClientException($"extending blob object {objectId} by {epochs} epochs costs {quote} FROST, more than the maximum {limit}: nothing was paid");
        }

        await Chain.ApproveWalAsync(wallet, quote, cancellationToken);
        await Revert.TranslateAsync(() => Chain.ExtendBlobAsync(wallet, objectId, epochs, quote, cancellationToken), objectId);
        return new BlobExtension(objectId, record.BlobId, record.EndEpoch, new Epoch((uint)newEnd), quote);
    }

    /// <summary>Deletes a deletable, unexpired blob object the wallet holds; its storage comes back as a storage token.</summary>
    /// <exception cref="WalrusClientException">The object does not exist, is not the wallet's, is permanent or has expired.</exception>
    public async Task<DeletedBlob> DeleteBlobAsync(BigInteger objectId, CancellationToken cancellationToken = default)
    {
        var wallet = WalletFor("Deleting a blob");
        var record = await GetOwnedBlobAsync(objectId, cancellationToken);
        if (!record.Deletable)
        {
            throw new WalrusClientException($"blob object {objectId} ({record.BlobId}) is permanent: only deletable blobs can be deleted (burn-blobs removes the object but the data stays)");
        }

        var receipt = await Revert.TranslateAsync(() => Chain.DeleteBlobAsync(wallet, objectId, cancellationToken), objectId);
        var storageToken = BigInteger.Zero;
        foreach (var log in receipt.Logs)
        {
            if (log.Address == Chain.Deployment.StorageResource && StorageResourceContract.TryDecodeTransfer(log, out var minted) && minted.From == default)
            {
                storageToken = minted.TokenId;
            }
        }

        return new DeletedBlob(objectId, record.BlobId, storageToken);
    }

    /// <summary>Deletes every deletable, unexpired blob object of <paramref name="blobId"/> the wallet holds.</summary>
    /// <exception cref="WalrusClientException">The wallet holds no deletable object of the blob id.</exception>
    public async Task<IReadOnlyList<DeletedBlob>> DeleteBlobsAsync(BlobId blobId, CancellationToken cancellationToken = default)
    {
        var owned = await ListBlobsAsync(includeExpired: false, cancellationToken);
        var mine = owned.Where(b => b.Blob.BlobId == blobId).ToList();
        if (mine.Count == 0)
        {
            throw new WalrusClientException($"you hold no blob object of {blobId}: list yours with list-blobs");
        }

        if (!mine.Any(b => b.Blob.Deletable))
        {
            throw new WalrusClientException($"your blob objects of {blobId} are permanent: only deletable blobs can be deleted");
        }

        var deleted = new List<DeletedBlob>();
        foreach (var blob in mine.Where(b => b.Blob.Deletable))
        {
            deleted.Add(await DeleteBlobAsync(blob.Blob.ObjectId, cancellationToken));
        }

        return deleted;
    }

    /// <summary>Burns a blob object the wallet holds: the object is gone, no refund; a certified blob's data stays until its end epoch.</summary>
    /// <exception cref="WalrusClientException">The object does not exist or is not the wallet's.</exception>
    public async Task BurnBlobAsync(BigInteger objectId, CancellationToken cancellationToken = default)
    {
        var wallet = WalletFor("Burning a blob");
        await GetOwnedBlobAsync(objectId, cancellationToken);
        await Revert.TranslateAsync(() => Chain.BurnBlobAsync(wallet, objectId, cancellationToken), objectId);
    }

    /// <summary>A blob object's attributes (key to value), in the order the contract keeps them.</summary>
    /// <exception cref="WalrusClientException">The object does not exist.</exception>
    public Task<IReadOnlyDictionary<string, string>> GetBlobAttributesAsync(BigInteger objectId, CancellationToken cancellationToken = default) =>
        Revert.TranslateAsync(() => Chain.GetBlobAttributesAsync(objectId, cancellationToken), objectId);

    /// <summary>Sets attributes on a blob object the wallet holds (one transaction per key; an existing key is overwritten).</summary>
    /// <exception cref="WalrusClientException">The object does not exist or is not the wallet's, or a key or value is too long.</exception>
    public async Task SetBlobAttributesAsync(BigInteger objectId, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var wallet = WalletFor("Setting blob attributes");
        foreach (var (key, value) in attributes)
        {
            if (key.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(key) > MaxAttributeKeyBytes)
            {
                throw new WalrusClientException($"attribute key '{key}' must be 1 to {MaxAttributeKeyBytes} bytes");
            }

            if (System.Text.Encoding.UTF8.GetByteCount(value) > MaxAttributeValueBytes)
            {
                throw new WalrusClientException($"the value of attribute '{key}' is longer than {MaxAttributeValueBytes} bytes");
            }
        }

        await GetOwnedBlobAsync(objectId, cancellationToken);
        foreach (var (key, value) in attributes)
        {
            await Revert.TranslateAsync(() => Chain.SetBlobAttributeAsync(wallet, objectId, key, value, cancellationToken), objectId);
        }
    }

    /// <summary>Removes attributes of a blob object the wallet holds: the given keys, or all of them when <paramref name="keys"/> is null.</summary>
    /// <returns>The keys removed.</returns>
    /// <exception cref="WalrusClientException">The object does not exist or is not the wallet's, or a key is not set.</exception>
    public async Task<IReadOnlyList<string>> RemoveBlobAttributesAsync(BigInteger objectId, IReadOnlyCollection<string>? keys = null, CancellationToken cancellationToken = default)
    {
        var wallet = WalletFor("Removing blob attributes");
        await GetOwnedBlobAsync(objectId, cancellationToken);
        var present = await GetBlobAttributesAsync(objectId, cancellationToken);
        var remove = keys?.ToList() ?? [.. present.Keys];
        foreach (var key in remove)
        {
            if (!present.ContainsKey(key))
            {
                throw new WalrusClientException($"blob object {objectId} has no attribute '{key}' (it has: {(present.Count == 0 ? "none" : string.Join(", ", present.Keys))}); nothing was removed");
            }
        }

        foreach (var key in remove)
        {
            await Revert.TranslateAsync(() => Chain.RemoveBlobAttributeAsync(wallet, objectId, key, cancellationToken), objectId);
        }

        return remove;
    }

    /// <summary>Longest attribute key in UTF-8 bytes (BlobRegistry.MAX_ATTRIBUTE_KEY_LENGTH).</summary>
    public const int MaxAttributeKeyBytes = 1024;

    /// <summary>Longest attribute value in UTF-8 bytes (BlobRegistry.MAX_ATTRIBUTE_VALUE_LENGTH).</summary>
    public const int MaxAttributeValueBytes = 16_384;

    /// <summary>A blob object's record, checked to be held by the wallet.</summary>
    private async Task<BlobRecord> GetOwnedBlobAsync(BigInteger objectId, CancellationToken cancellationToken)
    {
        var wallet = WalletFor("Managing a blob");
        var record = await Revert.TranslateAsync(() => Chain.GetBlobAsync(objectId, cancellationToken), objectId);
        var owner = await Revert.TranslateAsync(() => Chain.BlobRegistry.OwnerOfAsync(objectId, cancellationToken: cancellationToken), objectId);
        if (owner != wallet.Address)
        {
            throw new WalrusClientException($"blob object {objectId} belongs to {owner}, not to your wallet {wallet.Address}: use that wallet (--wallet)");
        }

        return record;
    }

    private static BlobRecord ToRecord(BigInteger objectId, object?[] b)
    {
        var certified = (uint)b[2]!;
        return new BlobRecord(objectId, ((Hash256)b[0]!).ToBlobId(), new Epoch((uint)b[1]!), certified == 0 ? null : new Epoch(certified),
            new Epoch((uint)b[3]!), new Epoch((uint)b[4]!), (ulong)b[5]!, (byte)b[6]!, (bool)b[7]!, (ulong)b[8]!);
    }
}
