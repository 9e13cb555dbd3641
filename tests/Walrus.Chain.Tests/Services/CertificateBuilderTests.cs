using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.Core;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Services;

public sealed class CertificateBuilderTests
{
    private static readonly PrivateKey[] Keys = [.. Enumerable.Range(0, 10).Select(i => TestKeys.FromLabel("member-" + i))];

    private static Committee TenMembers() =>
        new(new Epoch(7), 10, [.. Enumerable.Range(0, 10).Select(i => new CommitteeMember((uint)(i + 1), 1, Keys[i].Address, [new ShardIndex((ushort)i)]))]);

    [Fact]
    public void Bitmap_has_bit_i_mod_8_of_byte_i_div_8_and_signatures_in_member_order()
    {
        var digest = Keccak256.HashUtf8("confirm");
        var builder = new CertificateBuilder(TenMembers(), digest);

        Assert.True(builder.TryAdd(10, Keys[9].SignHash(digest)));
        Assert.True(builder.TryAdd(2, Keys[1].SignHash(digest)));
        Assert.True(builder.TryAdd(9, Keys[8].SignHash(digest)));
        var certificate = builder.Build();

        Assert.Equal(new byte[] { 0b0000_0010, 0b0000_0011 }, certificate.SignersBitmap);
        Assert.Equal(3 * 65, certificate.Signatures.Length);
        Assert.Equal(Keys[1].SignHash(digest), Signature.FromBytes(certificate.Signatures.AsSpan(0, 65)));
        Assert.Equal(Keys[9].SignHash(digest), Signature.FromBytes(certificate.Signatures.AsSpan(130, 65)));
        Assert.Equal(3, certificate.Weight);
        Assert.Equal(new Epoch(7), certificate.Epoch);
    }

    [Fact]
    public void Signatures_by_the_wrong_key_or_from_non_members_are_refused()
    {
        var digest = Keccak256.HashUtf8("confirm");
        var builder = new CertificateBuilder(TenMembers(), digest);

        Assert.False(builder.TryAdd(1, Keys[2].SignHash(digest)));
        Assert.False(builder.TryAdd(11, Keys[0].SignHash(digest)));
        Assert.False(builder.TryAdd(1, Keys[0].SignHash(Keccak256.HashUtf8("other"))));
        Assert.Equal(0, builder.Weight);
    }

    [Fact]
    public void Quorum_needs_3w_at_least_2n_plus_1_and_validity_3w_at_least_n_plus_1()
    {
        var digest = Keccak256.HashUtf8("q");
        var builder = new CertificateBuilder(TenMembers(), digest);
        for (var i = 0; i < 7; i++)
        {
            Assert.False(builder.HasQuorum);
            Assert.Equal(i >= 4, builder.HasValidity);
            builder.TryAdd((uint)(i + 1), Keys[i].SignHash(digest));
        }

        Assert.True(builder.HasQuorum);
    }
}
