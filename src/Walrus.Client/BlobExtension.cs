using System.Numerics;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>An extended blob object: its end epoch before and after, and the FROST paid (the contracts' quote at the time).</summary>
public sealed record BlobExtension(BigInteger ObjectId, BlobId BlobId, Epoch PreviousEndEpoch, Epoch EndEpoch, BigInteger Cost);
