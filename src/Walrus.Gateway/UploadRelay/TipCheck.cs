using System.Numerics;
using Walrus.Chain;

namespace Walrus.Gateway.UploadRelay;

/// <summary>A tip transaction as the chain shows it: who paid, how much WAL reached the relay, and the upload proof it carries.</summary>
internal sealed record TipCheck(Hash256 TxId, Address Payer, BigInteger Amount, byte[] Payload);
