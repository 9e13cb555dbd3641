using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>
/// A resumed store whose registration ends before the wanted end (Walrus's <c>reuseAndExtendNonCertified</c>): the
/// registration is finished as it is, then extended. The contract extends only certified blobs, so the extension is
/// quoted (and checked against the maximum cost) before anything is uploaded, and paid after certifying.
/// </summary>
public sealed partial class WalrusClient
{
    /// <summary>
    /// The epochs <paramref name="mine"/> (the caller's uncertified registration) lacks to reach <paramref name="wantedEnd"/>
    /// and their price; refuses a price above <see cref="StoreOptions.MaxCost"/> before anything is paid or uploaded.
    /// </summary>
    private async Task<PendingExtension> QuoteResumeExtensionAsync(BlobRecord mine, Epoch wantedEnd, StoreOptions options, CancellationToken cancellationToken)
    {
        var extra = wantedEnd.Value - mine.EndEpoch.Value;
        var price = await Chain.System.StorageCostAsync(mine.StorageSize, extra, cancellationToken: cancellationToken);
        if (options.MaxCost is { } max && price > max)
        {
            throw new WalrusClientException(
                $"your unfinished registration {mine.ObjectId} of {mine.BlobId} ends at epoch {mine.EndEpoch.Value}: extending it by {extra} epochs " +
                $"(to epoch {wantedEnd.Value}) costs {price} FROST, above the maximum of {max} FROST; nothing was paid or uploaded");
        }

        return new PendingExtension(mine.ObjectId, extra, price, wantedEnd);
    }

    /// <summary>Pays the extension of the just certified <paramref name="pending"/> object, at most its quote; answers the FROST actually paid.</summary>
    private async Task<BigInteger> ExtendCertifiedAsync(PendingExtension pending, PrivateKey wallet, IProgress<StoreProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new StoreProgress("extending", 0, 0));
        await Chain.ApproveWalAsync(wallet, pending.Price, cancellationToken);
        var before = await GetWalBalanceAsync(wallet.Address, cancellationToken);
        try
        {
            await Revert.TranslateAsync(() => Chain.ExtendBlobAsync(wallet, pending.ObjectId, pending.Epochs, pending.Price, cancellationToken), pending.ObjectId);
        }
        catch (Exception e) when (e is WalrusClientException or Walrus.Chain.Abi.ContractRevertException)
        {
            // Certified but not extended (the price rose, say): a store run again finds it certified and extends it.
            throw new WalrusClientException(
                $"blob object {pending.ObjectId} is certified, but extending it by {pending.Epochs} epochs to epoch {pending.WantedEnd.Value} failed ({e.Message}); " +
                "run the store again to extend it", e);
        }

        return before - await GetWalBalanceAsync(wallet.Address, cancellationToken);
    }

    /// <summary>An extension quoted before the upload and paid after certifying.</summary>
    private sealed record PendingExtension(BigInteger ObjectId, uint Epochs, BigInteger Price, Epoch WantedEnd);
}
