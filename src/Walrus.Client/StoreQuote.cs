using Walrus.Chain.Services;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>What a store would do, without doing it (<c>--dry-run</c>): the blob id, sizes and the cost at current prices.</summary>
public sealed record StoreQuote(BlobId BlobId, ulong UnencodedSize, long EncodedSize, CostQuote Cost);
