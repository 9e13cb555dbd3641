using System.Numerics;

namespace Walrus.Chain.Rpc;

/// <summary>The parts of a block header the client uses.</summary>
public sealed record BlockHeader(ulong Number, Hash256 Hash, Hash256 ParentHash, ulong Timestamp, BigInteger? BaseFeePerGas);
