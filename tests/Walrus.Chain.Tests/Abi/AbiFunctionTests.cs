using System.Numerics;
using Walrus.Chain.Abi;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Abi;

public sealed class AbiFunctionTests
{
    [Fact]
    public void Selector_is_the_first_four_bytes_of_the_signature_hash()
    {
        var transfer = AbiFunction.Parse("transfer(address,uint256) returns (bool)");

        Assert.Equal("0xa9059cbb", Hex.Encode(transfer.Selector));
        Assert.Equal("transfer(address,uint256)", transfer.Signature);
    }

    [Fact]
    public void Calldata_round_trips()
    {
        var transfer = AbiFunction.Parse("transfer(address,uint256)");
        var calldata = transfer.EncodeCall(TestKeys.AnvilAddresses[1], new BigInteger(1000));

        Assert.Equal(4 + 64, calldata.Length);
        var args = transfer.DecodeCall(calldata);
        Assert.Equal(TestKeys.AnvilAddresses[1], args[0]);
        Assert.Equal(new BigInteger(1000), args[1]);
    }

    [Fact]
    public void Event_decodes_topics_and_data()
    {
        var transfer = new AbiEvent("Transfer", [
            AbiParameter.Of("from", "address", indexed: true),
            AbiParameter.Of("to", "address", indexed: true),
            AbiParameter.Of("value", "uint256"),
        ]);
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", transfer.Topic0.ToString());
        var address = AbiType.Parse("address");
        Hash256[] topics =
        [
            transfer.Topic0,
            AbiEvent.TopicOf(address, TestKeys.AnvilAddresses[0]),
            AbiEvent.TopicOf(address, TestKeys.AnvilAddresses[1]),
        ];

        var values = transfer.Decode(topics, AbiType.Parse("uint256").Encode(new BigInteger(5)));

        Assert.Equal(TestKeys.AnvilAddresses[0], values[0]);
        Assert.Equal(TestKeys.AnvilAddresses[1], values[1]);
        Assert.Equal(new BigInteger(5), values[2]);
    }

    [Fact]
    public void Custom_error_becomes_a_named_exception_with_decoded_arguments()
    {
        var notCertified = new AbiError("BlobRegistryNotCertified", [AbiParameter.Of("blobId", "bytes32")]);
        var registry = new AbiErrorRegistry().Add(notCertified);
        var blobId = new Hash256(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

        var exception = registry.ToException(notCertified.Encode(blobId));

        Assert.Equal("BlobRegistryNotCertified", exception.ErrorName);
        Assert.Equal(blobId, exception["blobId"]);
        Assert.Contains("BlobRegistryNotCertified(blobId=0x0001", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_messages_and_panics_decode_too()
    {
        var registry = new AbiErrorRegistry();

        var require = registry.ToException(AbiError.ErrorString.Encode("nope"));
        var panic = registry.ToException(AbiError.Panic.Encode(new BigInteger(0x11)));
        var unknown = registry.ToException([1, 2, 3, 4, 5]);

        Assert.Equal("Error", require.ErrorName);
        Assert.Equal("nope", require["message"]);
        Assert.Equal("Panic", panic.ErrorName);
        Assert.Null(unknown.ErrorName);
    }
}
