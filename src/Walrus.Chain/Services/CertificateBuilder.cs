using Walrus.Chain.Crypto;
using Walrus.Chain.Crypto.Eip712;

namespace Walrus.Chain.Services;

/// <summary>
/// Collects members' signatures of one digest, checking each against the member's signing key off chain,
/// until the signers' shards reach the threshold; then builds the <see cref="Certificate"/>.
/// </summary>
public sealed class CertificateBuilder
{
    private readonly Committee _committee;
    private readonly Hash256 _digest;
    private readonly Signature?[] _signatures;
    private int _weight;

    /// <summary>Starts a certificate of <paramref name="digest"/> by <paramref name="committee"/>.</summary>
    public CertificateBuilder(Committee committee, Hash256 digest)
    {
        ArgumentNullException.ThrowIfNull(committee);
        _committee = committee;
        _digest = digest;
        _signatures = new Signature?[committee.Members.Count];
    }

    /// <summary>Shards of the signers so far.</summary>
    public int Weight => _weight;

    /// <summary>Whether the signers hold a strong quorum.</summary>
    public bool HasQuorum => _committee.IsQuorum(_weight);

    /// <summary>Whether the signers include at least one honest node.</summary>
    public bool HasValidity => _committee.IsValidity(_weight);

    /// <summary>Adds a member's signature; false if the node is not a member or the signature is not its key's.</summary>
    public bool TryAdd(uint nodeId, Signature signature)
    {
        var index = _committee.IndexOf(nodeId);
        if (index < 0 || !WalrusMessages.Verify(_digest, signature, _committee.Members[index].SigningKey))
        {
            return false;
        }

        if (_signatures[index] is null)
        {
            _weight += _committee.Members[index].Weight;
        }

        _signatures[index] = signature;
        return true;
    }

    /// <summary>The certificate of the signatures added so far.</summary>
    public Certificate Build()
    {
        var bitmap = new byte[(_committee.Members.Count + 7) / 8];
        var signers = 0;
        foreach (var s in _signatures)
        {
            signers += s is null ? 0 : 1;
        }

        var signatures = new byte[signers * Signature.Length];
        var k = 0;
        for (var i = 0; i < _signatures.Length; i++)
        {
            if (_signatures[i] is { } signature)
            {
                bitmap[i / 8] |= (byte)(1 << (i % 8));
                signature.CopyTo(signatures.AsSpan(k * Signature.Length));
                k++;
            }
        }

        return new Certificate(_committee.Epoch, bitmap, signatures, _weight);
    }
}
