using Walrus.Core;

namespace Walrus.Chain.Services;

/// <summary>
/// A committee certificate as System.verifyCertificate takes it: a signer bitmap (bit i % 8 of byte i / 8 for
/// member i) and one 65-byte signature per signer, in member order.
/// </summary>
public sealed record Certificate(Epoch Epoch, byte[] SignersBitmap, byte[] Signatures, int Weight);
