using Walrus.Core;
using Walrus.Core.NodeApi;

namespace Walrus.Client;

/// <summary>
/// A blob id's status: on chain (certified, its end epoch, invalid) and as the nodes see it (the status most nodes
/// answered, and how many answered).
/// </summary>
public sealed record BlobStatusReport(BlobId BlobId, bool Certified, Epoch EndEpoch, bool Invalid, BlobStatus NodeStatus, int NodesAnswered, Epoch CurrentEpoch);
