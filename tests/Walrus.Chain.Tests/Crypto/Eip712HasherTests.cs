using Walrus.Chain.Crypto;
using Walrus.Chain.Crypto.Eip712;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Crypto;

public sealed class Eip712HasherTests
{
    private static readonly Dictionary<string, IReadOnlyList<Eip712Field>> MailTypes = new()
    {
        ["Person"] = [new("name", "string"), new("wallet", "address")],
        ["Mail"] = [new("from", "Person"), new("to", "Person"), new("contents", "string")],
    };

    private static readonly Eip712Domain MailDomain = new()
    {
        Name = "Ether Mail",
        Version = "1",
        ChainId = 1,
        VerifyingContract = Address.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
    };

    private static Dictionary<string, object?> MailMessage() => new()
    {
        ["from"] = new Dictionary<string, object?> { ["name"] = "Cow", ["wallet"] = Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826") },
        ["to"] = new Dictionary<string, object?> { ["name"] = "Bob", ["wallet"] = Address.Parse("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB") },
        ["contents"] = "Hello, Bob!",
    };

    // The "Mail" example of EIP-712 (its reference implementation's expected values).
    [Fact]
    public void Mail_example_type_encoding_and_hashes_match_the_eip()
    {
        Assert.Equal("Mail(Person from,Person to,string contents)Person(string name,address wallet)",
            Eip712Hasher.EncodeType("Mail", MailTypes));
        Assert.Equal("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2", Eip712Hasher.TypeHash("Mail", MailTypes).ToString());
        Assert.Equal("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e", Eip712Hasher.HashStruct("Mail", MailTypes, MailMessage()).ToString());
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", MailDomain.Separator().ToString());
        Assert.Equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", Eip712Hasher.Digest(MailDomain, "Mail", MailTypes, MailMessage()).ToString());
    }

    [Fact]
    public void Mail_example_signature_matches_the_eip_and_recovers_the_cow()
    {
        using var cow = TestKeys.FromLabel("cow");
        var digest = Eip712Hasher.Digest(MailDomain, "Mail", MailTypes, MailMessage());

        var signature = cow.SignHash(digest);

        Assert.Equal(
            "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c",
            signature.ToString());
        Assert.True(Secp256k1.TryRecoverAddress(digest.ToArray(), signature, out var signer));
        Assert.Equal(cow.Address, signer);
    }
}
