using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>A store that extends the caller's certified blob object instead of registering the blob again (Walrus's <c>reuseAndExtend</c>).</summary>
public sealed partial class WalrusClient
{
    /// <summary>
    /// The caller's certified, unexpired object of the blob with the same persistence that ends before
    /// <paramref name="wantedEnd"/> (the latest ending one: the shortest extension), or null.
    /// </summary>
    private static BlobRecord? ShortOwnedCertified(
        IReadOnlyList<(BlobRecord Record, Address Owner)> objects, Address wallet, bool deletable, Epoch current, Epoch wantedEnd) =>
        objects.Where(o => o.Owner == wallet && o.Record.CertifiedEpoch is not null && o.Record.Deletable == deletable
                && o.Record.EndEpoch > current && o.Record.EndEpoch < wantedEnd)
            .OrderByDescending(o => o.Record.EndEpoch.Value).Select(o => o.Record).FirstOrDefault();

    /// <summary>
    /// Extends <paramref name="owned"/> (certified, ending before <paramref name="wantedEnd"/>) to <paramref name="wantedEnd"/>:
    /// only the storage of the added epochs is paid (no write fee, no upload, no certificate), at most
    /// <see cref="StoreOptions.MaxCost"/>. Cheaper than a new registration, which pays the whole lifetime and the write fee.
    /// </summary>
    private async Task<StoreResult> ReuseAndExtendAsync(
        BlobRecord owned, PrivateKey wallet, Epoch wantedEnd, ulong size, long encodedSize, StoreOptions options, IProgress<StoreProgress>? progress,
        long requestsBefore, CancellationToken cancellationToken)
    {
        var extra = wantedEnd.Value - owned.EndEpoch.Value;
        var price = await Chain.System.StorageCostAsync(owned.StorageSize, extra, cancellationToken: cancellationToken);
        if (options.MaxCost is { } max && price > max)
        {
            throw new WalrusClientException(
                $"extending your blob object {owned.ObjectId} of {owned.BlobId} by {extra} epochs (to epoch {wantedEnd.Value}) costs {price} FROST, above the maximum of {max} FROST");
        }

        progress?.Report(new StoreProgress("extending", 0, 0));
        await Chain.ApproveWalAsync(wallet, price, cancellationToken);
        var before = await GetWalBalanceAsync(wallet.Address, cancellationToken);
        await Revert.TranslateAsync(() => Chain.ExtendBlobAsync(wallet, owned.ObjectId, extra, price, cancellationToken), owned.ObjectId);
        var cost = before - await GetWalBalanceAsync(wallet.Address, cancellationToken);
        if (options.SendObjectTo is { } recipient && recipient != wallet.Address)
        {
            await Chain.BlobRegistry.TransferFromAsync(wallet, wallet.Address, recipient, owned.ObjectId, cancellationToken);
        }

        return new StoreResult(owned.BlobId, StoreOutcome.NewlyCreated, owned.ObjectId, cost, wantedEnd, size, encodedSize, owned.Deletable, NodeRequestCount - requestsBefore)
        {
            ResourceOperation = new ReuseAndExtend(encodedSize, extra),
            Owner = options.SendObjectTo ?? wallet.Address,
        };
    }
}
