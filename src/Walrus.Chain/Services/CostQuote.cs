using System.Numerics;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>
/// What storing a blob costs at the contracts' current prices, in FROST: storage for the encoded size over the
/// epochs, and the one-off write fee, read at one block. Pass <see cref="Total"/> as the maximum cost of the store.
/// </summary>
public sealed record CostQuote(ulong UnencodedSize, BigInteger EncodedSize, uint Epochs, BigInteger StorageCost, BigInteger WriteCost, Epoch Epoch, ulong BlockNumber)
{
    /// <summary>Storage plus write fee.</summary>
    public BigInteger Total => StorageCost + WriteCost;
}
