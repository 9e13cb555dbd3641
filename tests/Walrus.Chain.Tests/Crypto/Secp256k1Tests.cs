using System.Security.Cryptography;
using System.Text;
using Walrus.Chain.Crypto;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Crypto;

public sealed class Secp256k1Tests
{
    // RFC 6979 deterministic signatures on secp256k1 with SHA-256 message hashes, the vectors Ethereum and
    // Bitcoin libraries share (low-s form), checked against cast (alloy/k256) as well.
    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000001", "Satoshi Nakamoto",
        "0x934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8",
        "0x2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5", 1)]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000001",
        "All those moments will be lost in time, like tears in rain. Time to die...",
        "0x8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b",
        "0x547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21", 0)]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "Satoshi Nakamoto",
        "0xfd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d0",
        "0x6b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5", 0)]
    [InlineData("0xf8b8af8ce3c7cca5e300d33939540c10d45ce001b8f252bfbc57ba0342904181", "Alan Turing",
        "0x7063ae83e7f62bbb171798131b4a0564b956930092b33b07b395615d9ec7e15c",
        "0x58dfcc1e00a35e1572f366ffe34ba0fc47db1e7189759b9fb233c5b05ab388ea", 0)]
    public void Sign_matches_rfc6979_vectors(string key, string message, string r, string s, int recoveryId)
    {
        using var privateKey = PrivateKey.FromHex(key);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(message));

        var signature = privateKey.SignHash(hash);

        Assert.Equal(r, signature.R.ToString());
        Assert.Equal(s, signature.S.ToString());
        Assert.Equal(recoveryId, signature.RecoveryId);
    }

    [Fact]
    public void Recover_returns_the_signer_address()
    {
        using var key = TestKeys.Anvil(3);
        var hash = Keccak256.HashUtf8("walrus").ToArray();

        var signature = key.SignHash(hash);

        Assert.True(Secp256k1.TryRecoverAddress(hash, signature, out var recovered));
        Assert.Equal(key.Address, recovered);
    }

    [Fact]
    public void Recover_rejects_high_s_signatures()
    {
        using var key = TestKeys.Anvil(0);
        var hash = Keccak256.HashUtf8("malleable").ToArray();
        var signature = key.SignHash(hash);
        var n = System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var s = new System.Numerics.BigInteger(signature.S.ToArray(), isUnsigned: true, isBigEndian: true);
        var highS = new byte[32];
        (n - s).TryWriteBytes(highS, out _, isUnsigned: true, isBigEndian: true);
        var flipped = signature with { S = new Hash256(highS), RecoveryId = (byte)(signature.RecoveryId ^ 1) };

        Assert.False(Secp256k1.TryRecoverAddress(hash, flipped, out _));
    }

    [Fact]
    public void Signatures_are_always_low_s()
    {
        using var key = TestKeys.Anvil(1);
        var halfN = System.Numerics.BigInteger.Parse("07FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber);
        for (var i = 0; i < 64; i++)
        {
            var signature = key.SignHash(Keccak256.HashUtf8("message " + i).ToArray());
            var s = new System.Numerics.BigInteger(signature.S.ToArray(), isUnsigned: true, isBigEndian: true);
            Assert.True(s <= halfN);
        }
    }

    [Fact]
    public void Signature_round_trips_through_65_bytes_with_v_27_or_28()
    {
        using var key = TestKeys.Anvil(2);
        var signature = key.SignHash(Keccak256.HashUtf8("x").ToArray());

        var bytes = signature.ToBytes();

        Assert.Equal(65, bytes.Length);
        Assert.Contains(bytes[64], new byte[] { 27, 28 });
        Assert.Equal(signature, Signature.FromBytes(bytes));
    }
}
