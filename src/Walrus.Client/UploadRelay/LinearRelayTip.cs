using System.Numerics;

namespace Walrus.Client.UploadRelay;

/// <summary>
/// A tip linear in the encoded size (<c>{"linear": {"base", "encoded_size_mul_per_kib"}}</c>):
/// <c>base + ceil(encoded bytes / 1024) * encoded_size_mul_per_kib</c>, as Walrus computes it.
/// </summary>
public sealed record LinearRelayTip(ulong Base, ulong EncodedSizeMulPerKib) : RelayTipKind
{
    /// <inheritdoc/>
    public override BigInteger TipFor(long encodedLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(encodedLength);
        var kib = (encodedLength + 1023) / 1024;
        return Base + (new BigInteger(kib) * EncodedSizeMulPerKib);
    }
}
