using System.Numerics;

namespace Walrus.Client.UploadRelay;

/// <summary>The same tip for every blob (<c>{"const": n}</c>).</summary>
public sealed record ConstRelayTip(ulong Amount) : RelayTipKind
{
    /// <inheritdoc/>
    public override BigInteger TipFor(long encodedLength) => Amount;
}
