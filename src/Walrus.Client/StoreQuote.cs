using Walrus.Chain.Services;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>What a store would do, without doing it (<c>--dry-run</c>): the blob id, sizes and the cost at current prices.</summary>
public sealed record StoreQuote(BlobId BlobId, ulong UnencodedSize, long EncodedSize, CostQuote Cost)
{
    /// <summary>Epochs the blob would be stored for, from the current one.</summary>
    public uint EpochsAhead => Cost.Epochs;

    /// <summary>The epoch the blob would be stored until (exclusive).</summary>
    public Epoch EndEpoch => Cost.Epoch.Add(Cost.Epochs);
}
