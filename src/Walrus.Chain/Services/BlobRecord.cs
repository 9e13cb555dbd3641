using System.Numerics;
using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>
/// A blob's on-chain record in Core's types: id, registration and certification epochs (certified is null until the
/// blob is certified), the storage period [start, end), unencoded size, encoding type, deletability, reserved size.
/// </summary>
public sealed record BlobRecord(
    BigInteger ObjectId,
    BlobId BlobId,
    Epoch RegisteredEpoch,
    Epoch? CertifiedEpoch,
    Epoch StartEpoch,
    Epoch EndEpoch,
    ulong Size,
    byte EncodingType,
    bool Deletable,
    ulong StorageSize);
