using System.Numerics;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>A storage reservation (StorageResource token) an account holds: [start, end) epochs of encoded bytes.</summary>
public sealed record OwnedStorage(BigInteger TokenId, Epoch StartEpoch, Epoch EndEpoch, ulong EncodedSize);
