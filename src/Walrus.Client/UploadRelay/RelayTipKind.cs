using System.Numerics;

namespace Walrus.Client.UploadRelay;

/// <summary>How an upload relay prices a blob: <see cref="ConstRelayTip"/> or <see cref="LinearRelayTip"/> (Walrus's tip kinds).</summary>
public abstract record RelayTipKind
{
    /// <summary>The tip, in FROST, for a blob of <paramref name="encodedLength"/> encoded bytes.</summary>
    public abstract BigInteger TipFor(long encodedLength);
}
