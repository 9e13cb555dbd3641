using Walrus.Chain.Transactions;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Transactions;

public sealed class Eip1559TransactionTests
{
    private static Eip1559Transaction Sample() => new()
    {
        ChainId = 31337,
        Nonce = 7,
        MaxPriorityFeePerGas = 1_000_000_000,
        MaxFeePerGas = 30_000_000_000,
        GasLimit = 100_000,
        To = TestKeys.AnvilAddresses[1],
        Value = 12345,
        Data = new byte[] { 0xde, 0xad, 0xbe, 0xef },
    };

    [Fact]
    public void Signed_bytes_match_cast_mktx()
    {
        // cast mktx --private-key <anvil 0> --chain 31337 --nonce 7 --gas-limit 100000 --priority-gas-price 1000000000
        //   --gas-price 30000000000 --value 12345 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 0xdeadbeef
        const string Expected =
            "0x02f874827a6907843b9aca008506fc23ac00830186a09470997970c51812dc3a010c7d01b50e0d17dc79c882303984deadbeefc080a02f7a93a8504bdcef4aeeab9d0e6588ea90b013910c33dc557f9daf4f2a47532fa06189bdf066aa975c176aff3f03b145708b95c9fe7e6c749a7df24c371dc1344d";
        using var key = TestKeys.Anvil(0);

        var signed = Sample().Sign(key);

        Assert.Equal(Expected, Hex.Encode(signed.Raw));
    }

    [Fact]
    public void Decoding_a_signed_transaction_gives_back_its_fields_and_sender()
    {
        using var key = TestKeys.Anvil(0);
        var signed = Sample().Sign(key);

        var decoded = Eip1559Transaction.DecodeSigned(signed.Raw);

        Assert.Equal(signed.Hash, decoded.Hash);
        Assert.Equal(Sample().Nonce, decoded.Transaction.Nonce);
        Assert.Equal(Sample().To, decoded.Transaction.To);
        Assert.Equal(Sample().Data.ToArray(), decoded.Transaction.Data.ToArray());
        Assert.Equal(key.Address, decoded.RecoverSender());
    }

    [Fact]
    public void Contract_creation_has_an_empty_recipient()
    {
        using var key = TestKeys.Anvil(0);
        var signed = (Sample() with { To = null }).Sign(key);

        Assert.Null(Eip1559Transaction.DecodeSigned(signed.Raw).Transaction.To);
    }
}
